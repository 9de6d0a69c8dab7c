package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/bench"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

func newBench() *cobra.Command {
	var cfg bench.Config
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure pipeline throughput and latency against the sandbox, with a one-at-a-time baseline, retry-tier timing and quota use",
		Long: `bench runs the scenarios picked by --scenarios, each on a fresh in-process broker.

pipeline: for every sandbox latency, the pipeline (companies_house worker and
aggregator) and then a one-record-at-a-time consumer, each with a fresh sandbox;
it prints throughput, latency percentiles, CPU per request, peak RSS and the
Little's-law bound.

retry: --retry-records records wait in the retry tiers for one retry worker; it
prints the process CPU while they wait and how late each retry fired after its
leadgen.due.at (never early, exactly once).

quota: a backlog of --quota-requests requests (half by company number, half by
name) drained through the real companies_house client, quota gate and limiter,
against a sandbox enforcing --quota-calls per --quota-window as a fixed window
(429 beyond) and answering after --quota-latency; leadgen is told the same
quota. It prints the calls made, 429s, the most calls in any window, dead
letters, calls per lead, the share of the quota used, the drain time against
the ideal (calls at exactly the quota) and the CPU while lookups wait.

state: the aggregator alone joins --state-requests requests' results (five
providers each), produced straight to discovery-results, with its state store
on disk, after --state-baseline-requests with the store in memory; the broker
runs as a leadgen broker process of its own. It prints results/s of both, the
RSS every --state-sample-every requests, the disk bytes per request, and the
restore after a clean restart and after the state dir is deleted.

It exits non-zero if a scenario does not complete within --timeout, a retry
fires early or twice, or the quota scenario goes over the quota, dead-letters a
request or makes a lead without Companies House's data.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := cfg.Validate(); err != nil {
				return usageError{err}
			}
			stop, err := startCPUProfile(cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
			_, err = bench.Run(cmd.Context(), cfg)
			return err
		},
	}
	f := cmd.Flags()
	f.DurationSliceVar(&cfg.Latencies, "latencies", []time.Duration{0, 200 * time.Millisecond}, "sandbox latencies per API call, one scenario each")
	f.IntVar(&cfg.Requests, "requests", 5000, "requests measured per pipeline scenario")
	f.Float64Var(&cfg.Rate, "rate", 500, "requests/s the producer is paced at in scenarios with latency (0: unpaced); zero latency is always unpaced")
	f.IntVar(&cfg.Warmup, "warmup", 50, "warm-up requests before measuring the pipeline")
	f.IntVar(&cfg.BaselineRequests, "baseline-requests", 2000, "requests of the one-at-a-time baseline at zero latency")
	f.IntVar(&cfg.BaselineSlowRequests, "baseline-slow-requests", 200, "requests of the one-at-a-time baseline with latency")
	f.IntVar(&cfg.MaxInFlight, "max-in-flight", 256, "in-flight lookups of the provider worker")
	f.Int32Var(&cfg.Partitions, "partitions", 6, "partitions of every topic")
	f.Int64Var(&cfg.MaxPartitionBytes, "max-partition-bytes", 32<<20, "bytes the in-memory broker keeps per partition")
	durationFlag(cmd, &cfg.CleanupInterval, "cleanup-interval", time.Second, "how often the broker applies retention")
	durationFlag(cmd, &cfg.Timeout, "timeout", 5*time.Minute, "time limit of each phase of a scenario")
	f.StringSliceVar(&cfg.Scenarios, "scenarios", []string{bench.ScenarioPipeline, bench.ScenarioRetry, bench.ScenarioQuota, bench.ScenarioState},
		"scenarios to run, in this order: pipeline (with the baseline), retry, quota, state")
	addRetryFlags(cmd, &cfg)
	addQuotaFlags(cmd, &cfg)
	addStateFlags(cmd, &cfg)
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file")
	return cmd
}

// addRetryFlags registers the retry scenario's flags.
func addRetryFlags(cmd *cobra.Command, cfg *bench.Config) {
	f := cmd.Flags()
	f.IntVar(&cfg.RetryRecords, "retry-records", 10000, "records waiting in the retry tiers in the retry scenario")
	f.DurationSliceVar(&cfg.RetryTiers, "retry-tiers", slices.Clone(topics.DefaultTiers), "retry delay tiers of the retry scenario; records go into the first two")
	durationFlag(cmd, &cfg.RetryDueIn, "retry-due-in", 20*time.Second, "when the first retry record falls due, from the start of production")
	durationFlag(cmd, &cfg.RetryDueSpread, "retry-due-spread", 20*time.Second, "span the retry due times are spread over after the first")
	durationFlag(cmd, &cfg.RetryIdle, "retry-idle", 5*time.Second, "how long CPU is sampled while every retry record waits")
}

// addQuotaFlags registers the quota scenario's flags.
func addQuotaFlags(cmd *cobra.Command, cfg *bench.Config) {
	f := cmd.Flags()
	f.IntVar(&cfg.QuotaRequests, "quota-requests", 2000, "requests in the quota scenario's backlog, half by company number (3 calls), half by name (4)")
	f.IntVar(&cfg.QuotaCalls, "quota-calls", bench.DefaultQuota.Calls, "Companies House calls per --quota-window in the quota scenario, enforced by the sandbox and told to leadgen")
	durationFlag(cmd, &cfg.QuotaWindow, "quota-window", bench.DefaultQuota.Period, "the quota scenario's fixed quota window")
	durationFlag(cmd, &cfg.QuotaLatency, "quota-latency", 200*time.Millisecond, "sandbox latency per API call in the quota scenario")
}

// addStateFlags registers the state scenario's flags.
func addStateFlags(cmd *cobra.Command, cfg *bench.Config) {
	f := cmd.Flags()
	f.IntVar(&cfg.StateRequests, "state-requests", 1_000_000, "requests the aggregator joins in the state scenario with its store on disk, five results each")
	f.IntVar(&cfg.StateBaselineRequests, "state-baseline-requests", 200_000, "requests the aggregator joins in the state scenario with its store in memory")
	f.IntVar(&cfg.StateSampleEvery, "state-sample-every", 100_000, "requests between two RSS samples in the state scenario")
	f.Int64Var(&cfg.StateCacheBytes, "state-cache-bytes", aggregator.DefaultStateCacheBytes, "the aggregator's hot-state cache in the state scenario, on disk")
	durationFlag(cmd, &cfg.StateTimeout, "state-timeout", 30*time.Minute, "time limit of each phase of the state scenario")
}

// startCPUProfile starts profiling to path, if set; stop ends it.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
