package main

import "github.com/spf13/cobra"

// leaf returns a subcommand that takes no arguments and runs run: the
// shape of every leadgen command but the few that take arguments. The
// caller adds Long and the flags.
func leaf(use, short string, run func(cmd *cobra.Command) error) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return run(cmd) }}
}
