package bench

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Results are every scenario's measurements.
type Results struct {
	// Pipeline holds the pipeline and baseline rows, in run order.
	Pipeline []Result
	// Retry holds the retry-tier scenario's row, if it ran.
	Retry []RetryResult
	// Quota holds the quota scenario's row, if it ran.
	Quota []QuotaResult
	// State holds the state scenario's rows (store in memory, on disk).
	State []StateResult
}

// Run runs the selected scenarios, each on a fresh broker: for every
// latency the pipeline and then the baseline (each with a fresh sandbox),
// then the retry tiers, then the quota backlog. It writes the report to cfg.Out and returns an
// error naming every scenario that did not complete or broke an invariant.
func Run(ctx context.Context, cfg Config) (Results, error) {
	cfg.Defaults()
	var res Results
	if err := cfg.Validate(); err != nil {
		return res, err
	}
	if cfg.runs(ScenarioPipeline) {
		for _, lat := range cfg.Latencies {
			res.Pipeline = append(res.Pipeline, done(&cfg, runPipeline(ctx, &cfg, lat)))
			res.Pipeline = append(res.Pipeline, done(&cfg, runBaseline(ctx, &cfg, lat)))
			if ctx.Err() != nil {
				break
			}
		}
	}
	if cfg.runs(ScenarioRetry) && ctx.Err() == nil {
		res.Retry = append(res.Retry, done(&cfg, runRetry(ctx, &cfg)))
	}
	if cfg.runs(ScenarioQuota) && ctx.Err() == nil {
		res.Quota = append(res.Quota, done(&cfg, runQuota(ctx, &cfg)))
	}
	if cfg.runs(ScenarioState) && ctx.Err() == nil {
		for _, r := range runState(ctx, &cfg) {
			res.State = append(res.State, done(&cfg, r))
		}
	}
	if err := Report(cfg.Out, &cfg, res); err != nil {
		return res, err
	}
	return res, failures(res)
}

// outcome is a finished scenario's result as done reports it.
type outcome interface {
	// heading returns the scenario's name and why it did not complete.
	heading() (string, error)
	// summary is the progress line of a scenario that completed.
	summary() string
}

// done reports a finished scenario and returns its memory to the OS, so
// the next scenario's peak RSS starts low.
func done[R outcome](cfg *Config, r R) R {
	if name, err := r.heading(); err != nil {
		progress(cfg, "%s: FAILED: %v", name, err)
	} else {
		progress(cfg, "%s: %s", name, r.summary())
	}
	freeMemory()
	return r
}

func (r Result) heading() (string, error)      { return r.Name, r.Err }
func (r RetryResult) heading() (string, error) { return r.Name, r.Err }
func (r QuotaResult) heading() (string, error) { return r.Name, r.Err }
func (r StateResult) heading() (string, error) { return "state " + r.Name, r.Err }

func (r Result) summary() string {
	return fmt.Sprintf("%d requests, %.1f req/s, p99 %s", r.Requests, r.PerSecond(), dur(r.Lat.P99))
}

func (r RetryResult) summary() string {
	return fmt.Sprintf("cpu while waiting %.1f%%, lateness p99 %s, early %d, fired %d/%d",
		r.IdleCPUPercent(), dur(r.Late.P99), r.Early, r.Fired, r.Records)
}

func (r QuotaResult) summary() string {
	return fmt.Sprintf("%d calls in %s, %.1f%% of the quota, %d answered 429, %d dead letters",
		r.Calls, seconds(r.Drain), 100*r.Used(), r.RateLimited, r.DeadLetters)
}

func (r StateResult) summary() string {
	return fmt.Sprintf("%d requests x %d results in %s, %.0f results/s", r.Requests, r.Providers, seconds(r.Took), r.ResultsPerSecond())
}

func freeMemory() {
	runtime.GC()
	debug.FreeOSMemory()
}

func failures(res Results) error {
	var errs []error
	for _, r := range res.Pipeline {
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("scenario %s did not complete: %w", r.Name, r.Err))
		}
	}
	for _, r := range res.Retry {
		errs = append(errs, failed(r.Name, r.Err, r.Violations()))
	}
	for _, r := range res.Quota {
		errs = append(errs, failed(r.Name, r.Err, r.Violations()))
	}
	for _, r := range res.State {
		errs = append(errs, failed("state "+r.Name, r.Err, nil))
	}
	return errors.Join(errs...)
}

// failed names a scenario that did not complete or broke an invariant;
// nil when it did neither.
func failed(name string, err, violations error) error {
	var errs []error
	if err != nil {
		errs = append(errs, fmt.Errorf("scenario %s did not complete: %w", name, err))
	}
	if violations != nil {
		errs = append(errs, fmt.Errorf("scenario %s: %w", name, violations))
	}
	return errors.Join(errs...)
}
