package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/spf13/cobra"
)

func newSandbox() *cobra.Command {
	var listen string
	var sf sandboxFlags
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve SANDBOX provider APIs: real API shapes over fictional companies",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := sf.config()
			if err != nil {
				return err
			}
			srv, err := sandbox.New(cfg)
			if err != nil {
				return usageError{err}
			}
			fmt.Printf("leadgen SANDBOX provider APIs (fictional data) on %s; knobs at /_sandbox/knobs; Ctrl-C stops\n", listen)
			return srv.ListenAndServe(cmd.Context(), listen)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8081", "address to listen on, host:port")
	sf.add(cmd)
	return cmd
}

// sandboxFlags configure a sandbox: latency, a 5xx rate for every API, and
// per-provider faults of every kind.
type sandboxFlags struct {
	cfg    sandbox.Config
	faults []string
}

func (sf *sandboxFlags) add(cmd *cobra.Command) {
	cfg := &sf.cfg
	cmd.Flags().StringArrayVar(&sf.faults, "sandbox-fault", nil,
		"PROVIDER:KIND=RATE fault injection, repeatable; KIND is status_5xx, timeout, rate_limited, unauthorized, malformed or slow_body "+
			"(e.g. companies_house:rate_limited=0.2); change a running sandbox with PUT /_sandbox/faults/PROVIDER")
	durationFlag(cmd, &cfg.Latency, "sandbox-latency", 0, "latency the sandbox adds to every API response")
	cmd.Flags().Float64Var(&cfg.ErrorRate, "sandbox-error-rate", 0, "fraction (0..1) of sandbox API responses answered 503")
	cmd.Flags().IntVar(&cfg.RateLimit, "sandbox-rate-limit", sandbox.DefaultRateLimit, "sandbox Companies House calls per key per 5 minutes (negative: unlimited)")
}

// config returns the sandbox config with the --sandbox-fault values.
func (sf *sandboxFlags) config() (sandbox.Config, error) {
	cfg := sf.cfg
	if len(sf.faults) == 0 {
		return cfg, nil
	}
	cfg.Faults = map[string]sandbox.Faults{}
	for _, spec := range sf.faults {
		if err := applyFault(&cfg, spec); err != nil {
			return cfg, usagef("--sandbox-fault %q: %v", spec, err)
		}
	}
	return cfg, nil
}

func applyFault(cfg *sandbox.Config, spec string) error {
	provider, rest, ok := strings.Cut(spec, ":")
	kind, value, ok2 := strings.Cut(rest, "=")
	if !ok || !ok2 {
		return errors.New("want PROVIDER:KIND=RATE")
	}
	rate, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("rate %q: not a number", value)
	}
	f, found := cfg.Faults[provider]
	if !found {
		f = sandbox.Faults{Latency: cfg.Latency, Status5xx: cfg.ErrorRate}
	}
	field := map[string]*float64{"status_5xx": &f.Status5xx, "timeout": &f.Timeout, "rate_limited": &f.RateLimited,
		"unauthorized": &f.Unauthorized, "malformed": &f.Malformed, "slow_body": &f.SlowBody}[kind]
	if field == nil {
		return fmt.Errorf("unknown fault kind %q", kind)
	}
	*field = rate
	cfg.Faults[provider] = f
	return f.Validate()
}
