// Command leadgen finds the decision makers of UK companies: a Kafka
// stream processor with one worker per data provider and an aggregator that
// deduplicates people and scores the lead. See the README.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "leadgen:", oneLine(err))
		os.Exit(exitCode(err))
	}
}

// usageError marks bad input: exit status 2, like flag errors.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "leadgen",
		Short:         "Find the decision makers of UK companies, as a Kafka stream processor",
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := bindEnv(cmd); err != nil {
				return err
			}
			return applyConfig(cmd)
		},
	}
	root.PersistentFlags().String(configFlag, "", "YAML configuration file: flag values by flag name and a providers block of per-provider settings; a flag or its environment variable wins over the file")
	root.PersistentFlags().Var(levelFlag{logLevel}, "log-level", "least level logged: debug, info (every lead version, every dead letter), warn or error")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	asGroup(root)
	root.AddCommand(newDev(), newBroker(), newSandbox(), newRun(), newTopics(), newRequest(), newLeads(), newErase(), newSchemas(), newBench(), newDLQ(), newStatus(), newConsole(), newWatch(), newCH())
	argsAreUsage(root)
	return root
}

// envOverrides are flags whose environment form is not LEADGEN_<FLAG>.
var envOverrides = map[string]string{"redis": "REDIS_URL"}

// EnvName is the environment variable that sets a flag when the flag is
// not given: LEADGEN_ plus the flag name in upper snake case.
func EnvName(flag string) string {
	if v, ok := envOverrides[flag]; ok {
		return v
	}
	return "LEADGEN_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// bindEnv sets every flag not given on the command line from its
// environment variable.
func bindEnv(cmd *cobra.Command) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed {
			return
		}
		if v, ok := os.LookupEnv(EnvName(f.Name)); ok {
			if serr := f.Value.Set(v); serr != nil {
				err = usagef("%s=%q: %v", EnvName(f.Name), v, serr)
			}
		}
	})
	return err
}
