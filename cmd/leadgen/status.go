package main

import (
	"context"
	"maps"
	"strings"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/status"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// statusFlags configure `leadgen status`.
type statusFlags struct {
	kf        kafkaFlags
	output    string
	providers string
	tiers     string
	quotas    []string
	sample    int
}

func (s *statusFlags) add(cmd *cobra.Command) {
	s.kf.add(cmd)
	s.kf.addTimeout(cmd)
	f := cmd.Flags()
	f.StringVar(&s.output, "output", "table", "output format: table or json (one object per provider per line)")
	f.StringVar(&s.providers, "providers", strings.Join(pipeline.Defaults, ","), "providers to report on, one row each")
	f.StringVar(&s.tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated (as the cluster's topics have them)")
	f.StringArrayVar(&s.quotas, "quota", nil, "API rate limit NAME=CALLS/PERIOD, repeatable, as given to leadgen run (defaults: the real APIs' published limits)")
	f.IntVar(&s.sample, "sample", status.DefaultSample, "latest discovery-results records per partition read for calls per lead")
}

// config checks the flags and builds the report's config.
func (s *statusFlags) config() (status.Config, error) {
	enabled, err := pipeline.ParseProviders(s.providers)
	if err != nil {
		return status.Config{}, usageError{err}
	}
	tiers, err := topics.ParseTiers(s.tiers)
	if err != nil {
		return status.Config{}, usageError{err}
	}
	if s.sample < 1 {
		return status.Config{}, usagef("--sample %d: want at least 1", s.sample)
	}
	quotas, err := withQuotas(maps.Clone(pipeline.DefaultQuotas), s.quotas)
	if err != nil {
		return status.Config{}, err
	}
	return status.Config{Names: s.kf.names(), Providers: enabled, Tiers: tiers, Quotas: quotas, Sample: s.sample}, nil
}

func newStatus() *cobra.Command {
	var sf statusFlags
	cmd := leaf("status", "Show each provider's backlog, quota, calls per lead, estimated time to drain and requests waiting in the aggregator", func(cmd *cobra.Command) error {
		return sf.run(cmd)
	})
	cmd.Long = "Prints one row per provider: INPUT, the records of company-requests its input\n" +
		"group has not committed (a partition without a commit counts from its log\n" +
		"start); RETRY and FALLBACK, the records pending in its retry tiers and its\n" +
		"fallback topic; BACKLOG, their sum; QUOTA as --quota takes it and CALLS/S;\n" +
		"CALLS/LEAD, the mean api_calls of its recent results answered by its own API\n" +
		"(not the cache, not a secondary source), from the last --sample records of\n" +
		"each discovery-results partition; and ETA = BACKLOG x CALLS/LEAD / CALLS/S,\n" +
		"\"-\" when the quota or calls per lead is unknown. WAITING is the requests the\n" +
		"aggregator holds until the provider answers, and OLDEST how long the oldest\n" +
		"of them has waited since its first result, read from the aggregator's state\n" +
		"changelog.\n\n" +
		"--output json writes one object per provider per line, seconds as numbers\n" +
		"and unknown values as null."
	sf.add(cmd)
	return cmd
}

// run checks every flag, then reads the status within --timeout and
// prints it.
func (s *statusFlags) run(cmd *cobra.Command) error {
	format, err := outputFormat(s.output)
	if err != nil {
		return err
	}
	cfg, err := s.config()
	if err != nil {
		return err
	}
	kc, err := s.kf.config("leadgen-status")
	if err != nil {
		return err
	}
	var rows []status.Row
	err = s.kf.bounded(cmd.Context(), func(ctx context.Context) error {
		rows, err = collect(ctx, kc, cfg)
		return err
	})
	if err != nil {
		return err
	}
	if format == dlq.JSON {
		return status.WriteJSON(cmd.OutOrStdout(), rows)
	}
	return status.WriteTable(cmd.OutOrStdout(), rows)
}

// collect checks the connection first, so a refused login or a TLS
// mismatch is reported as such, then reads the status.
func collect(ctx context.Context, kc kclient.Config, cfg status.Config) ([]status.Row, error) {
	if err := kc.Check(ctx); err != nil {
		return nil, err
	}
	cl, err := kclient.New(kc)
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	return status.Collect(ctx, cl, cfg)
}
