package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/spf13/cobra"
)

func newSandbox() *cobra.Command {
	var listen string
	var sf sandboxFlags
	cmd := leaf("sandbox", "Serve SANDBOX provider APIs: real API shapes over fictional companies", func(cmd *cobra.Command) error {
		cfg, err := sf.config()
		if err != nil {
			return err
		}
		srv, err := sandbox.New(cfg)
		if err != nil {
			return usageError{err}
		}
		fmt.Printf("leadgen SANDBOX provider APIs (fictional data) on %s; faults at /_sandbox/faults; Ctrl-C stops\n", listen)
		return srv.ListenAndServe(cmd.Context(), listen)
	})
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8081", "address to listen on, host:port")
	sf.add(cmd)
	return cmd
}

// sandboxFlags configure a sandbox: latency, a 5xx rate for every API,
// per-provider faults of every kind, and per-provider quotas.
type sandboxFlags struct {
	cfg    sandbox.Config
	faults []string
	quotas []string
}

func (sf *sandboxFlags) add(cmd *cobra.Command) {
	cfg := &sf.cfg
	cmd.Flags().StringArrayVar(&sf.faults, "sandbox-fault", nil,
		"PROVIDER:KIND=VALUE fault injection, repeatable; KIND is a rate 0..1 of status_5xx, timeout, rate_limited, unauthorized, malformed "+
			"or slow_body, first_calls_rate_limited=N (the first N calls of every path answer as rate limited), or retry_after=DURATION "+
			"(e.g. companies_house:rate_limited=0.2); change a running sandbox with PUT /_sandbox/faults/PROVIDER")
	cmd.Flags().StringArrayVar(&sf.quotas, "sandbox-quota", nil,
		"PROVIDER=CALLS/PERIOD quota the sandbox enforces per credential as the real API does, repeatable; PROVIDER is companies_house, "+
			"opencorporates, x, linkedin or facebook (e.g. x=300/15m); companies_house overrides --sandbox-rate-limit")
	durationFlag(cmd, &cfg.Latency, "sandbox-latency", 0, "latency the sandbox adds to every API response")
	cmd.Flags().Float64Var(&cfg.ErrorRate, "sandbox-error-rate", 0, "fraction (0..1) of sandbox API responses answered 503")
	cmd.Flags().IntVar(&cfg.RateLimit, "sandbox-rate-limit", sandbox.DefaultRateLimit, "sandbox Companies House calls per key per 5 minutes (negative: unlimited)")
	cmd.Flags().Float64Var(&cfg.Stream.Rate, "sandbox-stream-rate", 5, "events a second each sandbox Companies House stream publishes")
	cmd.Flags().IntVar(&cfg.Stream.DatasetEvery, "sandbox-stream-dataset-every", 10, "every Nth sandbox stream event is about a company of the sandbox dataset, the rest about companies it does not have")
	cmd.Flags().IntVar(&cfg.Stream.DropEvery, "sandbox-stream-drop-every", 0, "cut a sandbox stream connection after this many events, as the real streams drop nightly (0: never)")
	cmd.Flags().Int64Var(&cfg.Stream.Retain, "sandbox-stream-retain", 0, "how many of the newest timepoints a sandbox stream resumes from; older ones are answered 416 (0: every one since the sandbox started)")
	cmd.Flags().BoolVar(&cfg.Stream.SplitChunks, "sandbox-stream-split-chunks", false, "write every sandbox stream event in two chunks, so clients must join JSON objects across reads")
}

// config returns the sandbox config with the --sandbox-fault and
// --sandbox-quota values. The sandbox's Graph API requires
// appsecret_proof when LEADGEN_FACEBOOK_APP_SECRET (or its _FILE) is set,
// with the secret the facebook client of the same environment signs with,
// so the two agree; unset, it requires none, as the client sends none.
func (sf *sandboxFlags) config() (sandbox.Config, error) {
	cfg := sf.cfg
	appSecret, err := pipeline.FacebookAppSecret()
	if err != nil {
		return cfg, usageError{err}
	}
	cfg.FacebookAppSecret = appSecret
	if len(sf.faults) > 0 {
		cfg.Faults = map[string]sandbox.Faults{}
	}
	for _, spec := range sf.faults {
		if err := applyFault(&cfg, spec); err != nil {
			return cfg, usagef("--sandbox-fault %q: %v", spec, err)
		}
	}
	if len(sf.quotas) > 0 {
		cfg.Quotas = map[string]sandbox.Quota{}
	}
	for _, spec := range sf.quotas {
		name, q, err := parseSandboxQuota(spec)
		if err != nil {
			return cfg, usagef("--sandbox-quota %q: %v", spec, err)
		}
		cfg.Quotas[name] = q
	}
	return cfg, nil
}

// parseSandboxQuota reads PROVIDER=CALLS/PERIOD as --quota does and
// checks the sandbox can enforce it.
func parseSandboxQuota(spec string) (string, sandbox.Quota, error) {
	name, rq, err := parseQuota(spec)
	if err != nil {
		return "", sandbox.Quota{}, err
	}
	q := sandbox.Quota{Limit: rq.Calls, Window: rq.Period}
	return name, q, sandbox.ValidateQuota(name, q)
}

func applyFault(cfg *sandbox.Config, spec string) error {
	provider, rest, ok := strings.Cut(spec, ":")
	kind, value, ok2 := strings.Cut(rest, "=")
	if !ok || !ok2 {
		return errors.New("want PROVIDER:KIND=VALUE")
	}
	f, found := cfg.Faults[provider]
	if !found {
		f = sandbox.Faults{Latency: cfg.Latency, Status5xx: cfg.ErrorRate}
	}
	if err := setFault(&f, kind, value); err != nil {
		return err
	}
	cfg.Faults[provider] = f
	return f.Validate()
}

// setFault sets one fault of f: a rate, the count of first calls
// refused, or the wait a refusal asks for.
func setFault(f *sandbox.Faults, kind, value string) error {
	switch kind {
	case "first_calls_rate_limited":
		return parseFault(&f.FirstCallsRateLimited, strconv.Atoi, value, "first_calls_rate_limited %q: want a whole number of calls")
	case "retry_after":
		return parseFault(&f.RetryAfter, time.ParseDuration, value, "retry_after %q: want a duration such as 30s")
	}
	field := map[string]*float64{"status_5xx": &f.Status5xx, "timeout": &f.Timeout, "rate_limited": &f.RateLimited,
		"unauthorized": &f.Unauthorized, "malformed": &f.Malformed, "slow_body": &f.SlowBody}[kind]
	if field == nil {
		return fmt.Errorf("unknown fault kind %q", kind)
	}
	return parseFault(field, parseFloat, value, "rate %q: not a number")
}

// parseFault sets *field to value as parse reads it; refused is the
// message, with %q for the value, when parse cannot read it.
func parseFault[T any](field *T, parse func(string) (T, error), value, refused string) error {
	v, err := parse(value)
	if err != nil {
		return fmt.Errorf(refused, value)
	}
	*field = v
	return nil
}

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }
