package bench

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/topics"
)

// running is a pipeline working in the background on one env.
type running struct {
	env   *env
	leads *leadReader
	// prov and prod are the pipeline scenario's timed provider and
	// producer; the quota scenario has neither.
	prov   *timedProvider
	prod   *producer
	cancel context.CancelFunc
	done   chan error
}

// startPipeline runs the provider worker, timed, and the aggregator, a
// lead reader and a producer; the pipeline stopping early cancels fail.
func startPipeline(ctx context.Context, cfg *Config, e *env, fail context.CancelCauseFunc) (*running, error) {
	prov, err := e.provider()
	if err != nil {
		return nil, err
	}
	prod, err := newProducer(e.kafka, e.names.Requests())
	if err != nil {
		return nil, err
	}
	r, err := launch(ctx, e, pipelineConfig(cfg, e, prov, metrics.New()), fail)
	if err != nil {
		prod.Close()
		return nil, err
	}
	r.prov, r.prod = prov, prod
	return r, nil
}

// pipelineConfig runs the companies_house worker over prov and the
// aggregator on e's broker.
func pipelineConfig(cfg *Config, e *env, prov provider.Provider, m *metrics.Metrics) pipeline.Config {
	return pipeline.Config{Kafka: e.kafka, Names: e.names, Roles: []string{provName, pipeline.RoleAggregator},
		Enabled: []string{provName}, Providers: map[string]provider.Provider{provName: prov},
		MaxInFlight: cfg.MaxInFlight, InstanceID: "bench", Logger: slog.New(slog.DiscardHandler), Metrics: m, StateDir: e.stateDir,
		// The sandbox has 248 companies: without this most lookups would be
		// cache hits and the bench would measure the cache, not the API path.
		CacheTTL: -1}
}

// launch runs pc's roles and a lead reader in the background; the
// pipeline stopping early cancels fail.
func launch(ctx context.Context, e *env, pc pipeline.Config, fail context.CancelCauseFunc) (*running, error) {
	leads, err := newLeadReader(e.kafka, e.names.Leads())
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &running{env: e, leads: leads, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := pipeline.Run(ctx, pc)
		if ctx.Err() == nil {
			fail(fmt.Errorf("pipeline stopped early: %v", err))
		}
		r.done <- err
	}()
	go leads.run(ctx)
	return r, nil
}

// stop ends the pipeline and waits for it.
func (r *running) stop() error {
	if r.prod != nil {
		r.prod.Close()
	}
	r.cancel()
	if err := <-r.done; err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	return nil
}

// sendAndWait sends ids at rate and waits for a lead for each.
func (r *running) sendAndWait(ctx context.Context, ids []string, rate float64) error {
	if err := r.prod.sendAll(ctx, ids, rate); err != nil {
		return err
	}
	if err := r.prod.flush(ctx); err != nil {
		return err
	}
	if err := r.leads.wait(ctx, ids); err != nil {
		return fmt.Errorf("waiting for leads: %w", context.Cause(ctx))
	}
	return nil
}

// runPipeline measures the pipeline at one sandbox latency in a fresh
// broker and sandbox: a warm-up, then cfg.Requests at the scenario's rate.
func runPipeline(ctx context.Context, cfg *Config, latency time.Duration) Result {
	res := Result{Name: "latency=" + latency.String(), Latency: latency, MaxInFlight: cfg.MaxInFlight, Rate: cfg.rateFor(latency)}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	e, err := startEnv(ctx, cfg, topics.Names{}, latency)
	if err != nil {
		res.Err = err
		return res
	}
	defer e.Close()
	res.Err = measureRun(
		func() (*running, error) { return startPipeline(ctx, cfg, e, fail) },
		func(r *running) error { return measurePipeline(ctx, cfg, r, &res) })
	return res
}

// measureRun starts a scenario's run, measures it and stops it, and
// returns the first error.
func measureRun[R interface{ stop() error }](start func() (R, error), measure func(R) error) error {
	r, err := start()
	if err != nil {
		return err
	}
	err = measure(r)
	if stopErr := r.stop(); err == nil {
		err = stopErr
	}
	return err
}

func measurePipeline(ctx context.Context, cfg *Config, r *running, res *Result) error {
	progress(cfg, "%s: warming up with %d requests", res.Name, cfg.Warmup)
	if err := r.sendAndWait(ctx, requestIDs("warm", cfg.Warmup), 0); err != nil {
		return fmt.Errorf("%s warm-up: %w", res.Name, err)
	}
	progress(cfg, "%s: sending %d requests (%s)", res.Name, cfg.Requests, rateText(res.Rate))
	ids := requestIDs("bench", cfg.Requests)
	m := startMeasure(r.env, r.prov)
	err := r.sendAndWait(ctx, ids, res.Rate)
	m.finish(res)
	arrivals := r.leads.arrivals(ids)
	res.Requests = len(arrivals)
	var samples []time.Duration
	for _, a := range arrivals {
		samples = append(samples, a.latency)
		res.Wall = max(res.Wall, a.at.Sub(m.start))
	}
	res.Lat = Summarize(samples)
	if err != nil {
		return fmt.Errorf("%s: %w", res.Name, err)
	}
	return nil
}

func rateText(rate float64) string {
	if rate <= 0 {
		return "unpaced"
	}
	return fmt.Sprintf("paced at %g/s", rate)
}

func progress(cfg *Config, format string, args ...any) {
	fmt.Fprintf(cfg.Progress, "bench: "+format+"\n", args...)
}
