package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// writeReference writes the command-line reference: every command, and
// every flag with its environment variable and default. docs/CLI.md is
// this output; a test keeps it current.
func writeReference(w io.Writer, root *cobra.Command) {
	fmt.Fprintln(w, "# leadgen command-line reference")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Generated from the code (`go test ./cmd/leadgen -run TestTheReferenceIsCurrent -update`).")
	fmt.Fprintln(w, "Every flag can also be set with its environment variable; a flag given on the command line wins.")
	walk(root, func(c *cobra.Command) {
		if !c.Runnable() || c.Hidden {
			return
		}
		fmt.Fprintf(w, "\n## %s\n\n%s\n", c.CommandPath(), c.Short)
		if c.HasAvailableLocalFlags() {
			fmt.Fprintln(w, "\n| flag | environment | default | meaning |\n|---|---|---|---|")
			c.LocalFlags().VisitAll(func(f *pflag.Flag) {
				if f.Name != "help" {
					fmt.Fprintf(w, "| `--%s` | `%s` | %s | %s |\n", f.Name, EnvName(f.Name), defaultOf(f), escape(f.Usage))
				}
			})
		}
	})
}

func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}

func defaultOf(f *pflag.Flag) string {
	if f.DefValue == "" || f.DefValue == "[]" {
		return ""
	}
	return "`" + f.DefValue + "`"
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
