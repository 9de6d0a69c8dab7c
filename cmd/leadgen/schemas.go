package main

import (
	"fmt"

	"github.com/leadgen/leadgen/schemas"
	"github.com/spf13/cobra"
)

func newSchemas() *cobra.Command {
	return &cobra.Command{
		Use:   "schemas [NAME]",
		Short: "List the Avro record schemas, or print one (.avsc)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				for _, n := range schemas.Names() {
					fmt.Println(n)
				}
				return nil
			}
			s, err := schemas.Schema(args[0])
			if err != nil {
				return usagef("schema %q: not found (leadgen schemas lists them)", args[0])
			}
			fmt.Println(s)
			return nil
		},
	}
}
