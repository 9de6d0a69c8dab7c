package main

import (
	"fmt"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/spf13/cobra"
)

func newSandbox() *cobra.Command {
	var listen string
	var cfg sandbox.Config
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve SANDBOX provider APIs: real API shapes over fictional companies",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srv, err := sandbox.New(cfg)
			if err != nil {
				return usageError{err}
			}
			fmt.Printf("leadgen SANDBOX provider APIs (fictional data) on %s; knobs at /_sandbox/knobs; Ctrl-C stops\n", listen)
			return srv.ListenAndServe(cmd.Context(), listen)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8081", "address to listen on, host:port")
	addSandboxKnobs(cmd, &cfg)
	return cmd
}

func addSandboxKnobs(cmd *cobra.Command, cfg *sandbox.Config) {
	durationFlag(cmd, &cfg.Latency, "sandbox-latency", 0, "latency the sandbox adds to every API response")
	cmd.Flags().Float64Var(&cfg.ErrorRate, "sandbox-error-rate", 0, "fraction (0..1) of sandbox API responses answered 503")
	cmd.Flags().IntVar(&cfg.RateLimit, "sandbox-rate-limit", sandbox.DefaultRateLimit, "sandbox Companies House calls per key per 5 minutes (negative: unlimited)")
}
