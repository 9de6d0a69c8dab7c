package main

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/breaker"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// runFlags configure the pipeline roles, for run and dev.
type runFlags struct {
	roles       string
	providers   string
	metricsAddr string
	maxInFlight int
	timeout     time.Duration
	instanceID  string
	useSandbox  bool
	sandboxURL  string
	sandbox     sandboxFlags
	tiers       string
	breaker     breaker.Config
	flood       pipeline.FloodConfig
	maxStale    time.Duration
	retention   time.Duration
}

func (r *runFlags) add(cmd *cobra.Command, withSandboxSwitch bool) {
	f := cmd.Flags()
	f.StringVar(&r.roles, "roles", "all", "roles to run: all, or a comma-separated list of providers and aggregator")
	f.StringVar(&r.providers, "providers", "companies_house", "enabled providers, shared by every process")
	f.StringVar(&r.metricsAddr, "metrics-addr", "", "serve /metrics and /healthz on this address, e.g. :9100")
	f.IntVar(&r.maxInFlight, "max-in-flight", 256, "records handled at once per provider worker")
	durationFlag(cmd, &r.timeout, "provider-timeout", 15*time.Second, "time limit of one provider lookup")
	f.StringVar(&r.instanceID, "instance-id", "", "stable id of this process for the aggregator's transactions (default: host name)")
	f.StringVar(&r.tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated (topics must match: leadgen topics apply --retry-tiers)")
	f.Float64Var(&r.breaker.FailureRatio, "breaker-failure-ratio", 0.5, "share of failed lookups in the window that opens a provider's breaker")
	f.Uint32Var(&r.breaker.MinRequests, "breaker-min-requests", 10, "lookups in the window before the breaker may open")
	durationFlag(cmd, &r.breaker.Window, "breaker-window", 30*time.Second, "rolling window the breaker counts failures over")
	durationFlag(cmd, &r.breaker.OpenFor, "breaker-open-for", 30*time.Second, "how long an open breaker waits before a half-open probe")
	f.IntVar(&r.flood.Limit, "dlq-flood-limit", 100, "dead letters per --dlq-flood-window that pause a provider's input (0: never)")
	durationFlag(cmd, &r.flood.Window, "dlq-flood-window", time.Minute, "window of --dlq-flood-limit")
	durationFlag(cmd, &r.flood.Cooldown, "dlq-flood-cooldown", 5*time.Minute, "how long a flooding provider's input stays paused")
	durationFlag(cmd, &r.maxStale, "max-stale", 7*24*time.Hour, "oldest cached result the fallback serves")
	durationFlag(cmd, &r.retention, "aggregator-retention", 7*24*time.Hour, "how long the aggregator keeps a request's state after its last result")
	if withSandboxSwitch {
		f.BoolVar(&r.useSandbox, "sandbox", false, "start in-process SANDBOX provider APIs and use them")
		f.StringVar(&r.sandboxURL, "sandbox-url", "", "use SANDBOX provider APIs served by `leadgen sandbox` at this URL")
	}
	r.sandbox.add(cmd)
}

// pipelineConfig builds the pipeline's config, starting an in-process
// sandbox when asked.
func (r *runFlags) pipelineConfig(ctx context.Context, kf *kafkaFlags, log *slog.Logger) (pipeline.Config, error) {
	kc, err := kf.config("leadgen")
	if err != nil {
		return pipeline.Config{}, err
	}
	enabled, err := pipeline.ParseProviders(r.providers)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	roles, err := pipeline.ParseRoles(r.roles, enabled)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	tiers, err := topics.ParseTiers(r.tiers)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	sb, err := r.startSandbox(ctx)
	if err != nil {
		return pipeline.Config{}, err
	}
	provs, err := pipeline.Providers(roles, sb)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	secs, skipped, err := pipeline.Secondaries(roles, sb)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	for _, name := range skipped {
		log.Warn("secondary source disabled: no credentials; the fallback serves the stale cache only", "source", name,
			"set", "LEADGEN_"+strings.ToUpper(name)+"_API_TOKEN or _FILE")
	}
	m := metrics.New()
	if r.metricsAddr != "" {
		addr, err := m.Serve(ctx, r.metricsAddr)
		if err != nil {
			return pipeline.Config{}, err
		}
		log.Info("metrics served", "addr", addr)
	}
	return pipeline.Config{Kafka: kc, Names: kf.names(), Roles: roles, Enabled: enabled, Providers: provs,
		MaxInFlight: r.maxInFlight, Timeout: r.timeout, InstanceID: r.instanceID, Metrics: m, Logger: log,
		Secondaries: secs, Tiers: tiers, Breaker: r.breaker, Flood: r.flood, MaxStale: r.maxStale, AggregatorRetention: r.retention}, nil
}

func (r *runFlags) startSandbox(ctx context.Context) (*pipeline.Sandbox, error) {
	switch {
	case r.sandboxURL != "":
		return &pipeline.Sandbox{URL: r.sandboxURL}, nil
	case !r.useSandbox:
		return nil, nil
	}
	cfg, err := r.sandbox.config()
	if err != nil {
		return nil, err
	}
	srv, err := sandbox.New(cfg)
	if err != nil {
		return nil, usageError{err}
	}
	url, err := srv.Start(ctx, "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &pipeline.Sandbox{URL: url}, nil
}

func newRun() *cobra.Command {
	var kf kafkaFlags
	var rf runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run provider workers and/or the aggregator against a Kafka cluster",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := newLogger()
			cfg, err := rf.pipelineConfig(cmd.Context(), &kf, log)
			if err != nil {
				return err
			}
			log.Info("leadgen running", "roles", cfg.Roles, "brokers", cfg.Kafka.Brokers, "sandbox", rf.useSandbox || rf.sandboxURL != "")
			err = pipeline.Run(cmd.Context(), cfg)
			log.Info("leadgen stopped")
			return err
		},
	}
	kf.add(cmd)
	rf.add(cmd, true)
	return cmd
}

func namesOf(prefix string) topics.Names { return topics.Names{Prefix: prefix} }
