package main

import (
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is the release, set at build time with
// -ldflags "-X main.version=v1.2.3"; empty in a plain go build, where
// the module's build information says what was built.
var version string

// versionString is what `leadgen --version` prints after "leadgen
// version ": the release set at build time, else the module version go
// install recorded, else "devel" with the commit a checkout was built
// from (and "+dirty" for uncommitted changes).
func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return "devel" + revision(info.Settings)
}

// revision is " (COMMIT)" from the VCS stamp of a build from a checkout,
// "" without one.
func revision(settings []debug.BuildSetting) string {
	var rev, dirty string
	for _, s := range settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if rev == "" {
		return ""
	}
	return " (" + rev + dirty + ")"
}

// asGroup makes cmd, a command that only holds sub-commands, refuse an
// unknown one with a usage error (exit 2). Left alone, cobra prints the
// group's help and exits 0, so a typo in a script goes unnoticed. Without
// arguments the group prints its help.
func asGroup(cmd *cobra.Command) *cobra.Command {
	cmd.Args = cobra.ArbitraryArgs
	cmd.SuggestionsMinimumDistance = 2
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return c.Help()
		}
		msg := "unknown command %q for %q"
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			msg += " (did you mean " + strings.Join(s, " or ") + "?)"
		}
		return usagef(msg+"; see %s --help", args[0], c.CommandPath(), c.CommandPath())
	}
	return cmd
}

// argsAreUsage makes every command's refusal of its arguments a usage
// error (exit 2), like a flag error.
func argsAreUsage(root *cobra.Command) {
	walk(root, func(c *cobra.Command) {
		if check := c.Args; check != nil {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					return usageError{err}
				}
				return nil
			}
		}
	})
}
