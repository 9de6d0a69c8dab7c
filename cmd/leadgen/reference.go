package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/leadgen/leadgen/internal/settings"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/registry"

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
	fmt.Fprintln(w, "Every flag can also be set with its environment variable, or in the configuration file that")
	fmt.Fprintln(w, "`--config` (`LEADGEN_CONFIG`) names; a flag given on the command line wins over its")
	fmt.Fprintln(w, "environment variable, which wins over the file. See [Configuration file](#configuration-file)")
	fmt.Fprintln(w, "and [Provider settings](#provider-settings) at the end. Every command also takes `--log-level`")
	fmt.Fprintln(w, "(`LEADGEN_LOG_LEVEL`): debug, info (the default), warn or error, the least level logged.")
	walk(root, func(c *cobra.Command) {
		if !c.Runnable() || c.Hidden || c.HasAvailableSubCommands() {
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
	writeConfigReference(w)
	writeProviderSettings(w)
}

// writeConfigReference explains the configuration file.
func writeConfigReference(w io.Writer) {
	fmt.Fprint(w, `
## Configuration file

`+"`--config FILE`"+` (or `+"`LEADGEN_CONFIG`"+`) reads a YAML file: top-level keys are flag names,
with the flag's value (a list for a flag that takes several), and a `+"`providers`"+` block holds
per-provider settings. One file can serve every command: a key that only other commands
have is left to them, a key that no command has is an error (exit 2). Precedence, highest
first: the command line, the environment, the file, the default. Credentials are not read
from the file: they come from the environment or from files named by `+"`<NAME>_FILE`"+`.

`+"```yaml"+`
brokers: kafka-1:9092,kafka-2:9092
retry-tiers: [10s, 1m, 10m]
providers:
  x:
    timeout: 20s
    quota: 300/15m
  linkedin:
    version: "202611"
`+"```"+`
`)
}

// writeProviderSettings lists every provider's settings from the
// registry, each with its environment variable and default.
func writeProviderSettings(w io.Writer) {
	fmt.Fprint(w, `
## Provider settings

Each is set by `+"`--provider-setting NAME.KEY=VALUE`"+` (run, dev), by `+"`LEADGEN_<NAME>_<KEY>`"+`, or in
the configuration file as `+"`providers.NAME.KEY`"+`, in that order of precedence.
`+"`--quota NAME=CALLS/PERIOD`"+` wins over a quota setting. A provider's `+"`timeout`"+`, when set by any of
these, bounds each of its calls and its whole attempt, over `+"`--provider-timeout`"+`; unset, each call
is bounded by the default below and each attempt by `+"`--provider-timeout`"+`.

| provider | key | environment | default | meaning |
|---|---|---|---|---|
`)
	for _, s := range registry.All() {
		for _, d := range settings.All(s) {
			fmt.Fprintf(w, "| %s | `%s` | `%s` | %s | %s |\n", s.Name, d.Key, settings.EnvName(s.Name, d.Key),
				settingDefault(s, d), escape(d.Usage))
		}
	}
}

// settingDefault is a setting's default as the table shows it.
func settingDefault(s provider.Spec, d provider.Setting) string {
	switch {
	case d.Key == settings.Timeout:
		return "`" + s.Timeout.String() + "`"
	case d.Key == settings.Quota && s.Quota.Calls > 0:
		return fmt.Sprintf("`%d/%s`", s.Quota.Calls, s.Quota.Period)
	case d.Key == settings.Quota:
		return "none"
	case d.Default != "":
		return "`" + d.Default + "`"
	}
	return ""
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
