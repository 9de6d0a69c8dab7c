package bench

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Run runs, for every latency, the pipeline and then the baseline, each on
// a fresh broker and sandbox, writes the report to cfg.Out, and returns an
// error naming every scenario that did not complete.
func Run(ctx context.Context, cfg Config) ([]Result, error) {
	cfg.Defaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var results []Result
	for _, lat := range cfg.Latencies {
		results = append(results, done(&cfg, runPipeline(ctx, &cfg, lat)))
		results = append(results, done(&cfg, runBaseline(ctx, &cfg, lat)))
		if ctx.Err() != nil {
			break
		}
	}
	if err := Report(cfg.Out, &cfg, results); err != nil {
		return results, err
	}
	return results, failures(results)
}

// done reports a finished scenario and returns its memory to the OS, so
// the next scenario's peak RSS starts low.
func done(cfg *Config, r Result) Result {
	if r.Err != nil {
		progress(cfg, "%s: FAILED: %v", r.Name, r.Err)
	} else {
		progress(cfg, "%s: %d requests, %.1f req/s, p99 %s", r.Name, r.Requests, r.PerSecond(), dur(r.Lat.P99))
	}
	runtime.GC()
	debug.FreeOSMemory()
	return r
}

func failures(results []Result) error {
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("scenario %s did not complete: %w", r.Name, r.Err))
		}
	}
	return errors.Join(errs...)
}
