package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/leadgen/leadgen/internal/bench"
	"github.com/spf13/cobra"
)

func newBench() *cobra.Command {
	var cfg bench.Config
	var cpuProfile string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure pipeline throughput and request-to-lead latency against the sandbox, with a one-at-a-time baseline",
		Long: `bench runs, for every sandbox latency, the pipeline (companies_house worker and
aggregator) and then a one-record-at-a-time consumer, each on a fresh in-process
broker and sandbox, and prints throughput, latency percentiles, CPU per request,
peak RSS and the Little's-law bound. It exits non-zero if a scenario does not
complete within --timeout.`,
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
	durationFlag(cmd, &cfg.CleanupInterval, "cleanup-interval", time.Second, "how often the broker applies retention and compaction")
	durationFlag(cmd, &cfg.Timeout, "timeout", 5*time.Minute, "time limit of each phase of a scenario")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file")
	return cmd
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
