package main

import (
	"context"
	"log/slog"
	"time"

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
	sandbox     sandbox.Config
}

func (r *runFlags) add(cmd *cobra.Command, withSandboxSwitch bool) {
	f := cmd.Flags()
	f.StringVar(&r.roles, "roles", "all", "roles to run: all, or a comma-separated list of providers and aggregator")
	f.StringVar(&r.providers, "providers", "companies_house", "enabled providers, shared by every process")
	f.StringVar(&r.metricsAddr, "metrics-addr", "", "serve /metrics and /healthz on this address, e.g. :9100")
	f.IntVar(&r.maxInFlight, "max-in-flight", 256, "records handled at once per provider worker")
	durationFlag(cmd, &r.timeout, "provider-timeout", 15*time.Second, "time limit of one provider lookup")
	f.StringVar(&r.instanceID, "instance-id", "", "stable id of this process for the aggregator's transactions (default: host name)")
	if withSandboxSwitch {
		f.BoolVar(&r.useSandbox, "sandbox", false, "start in-process SANDBOX provider APIs and use them")
		f.StringVar(&r.sandboxURL, "sandbox-url", "", "use SANDBOX provider APIs served by `leadgen sandbox` at this URL")
	}
	addSandboxKnobs(cmd, &r.sandbox)
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
	sb, err := r.startSandbox(ctx)
	if err != nil {
		return pipeline.Config{}, err
	}
	provs, err := pipeline.Providers(roles, sb)
	if err != nil {
		return pipeline.Config{}, usageError{err}
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
		MaxInFlight: r.maxInFlight, Timeout: r.timeout, InstanceID: r.instanceID, Metrics: m, Logger: log}, nil
}

func (r *runFlags) startSandbox(ctx context.Context) (*pipeline.Sandbox, error) {
	switch {
	case r.sandboxURL != "":
		return &pipeline.Sandbox{URL: r.sandboxURL}, nil
	case !r.useSandbox:
		return nil, nil
	}
	srv, err := sandbox.New(r.sandbox)
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
