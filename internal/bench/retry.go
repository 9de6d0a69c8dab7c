package bench

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/tick"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/topics"
)

// retrySettle is the least time the worker gets to fetch and pause every
// tier partition before the CPU sample starts.
const retrySettle = 5 * time.Second

// heldStable is how long the worker's waiting gauge, updated every second,
// must stay unchanged before the bench takes the worker to be done
// fetching: each partition paused at its head, the rest left in the log.
const heldStable = 2100 * time.Millisecond

// retryGrace is how long the bench keeps reading after the last result,
// to catch a retry that fires twice.
const retryGrace = time.Second

// waitingGauge is the retry worker's held-records gauge (DESIGN §7).
const waitingGauge = "leadgen_retry_waiting_records"

// retryRun is one retry worker and the bench's result reader, working in
// the background on a fresh broker.
type retryRun struct {
	kafka   kclient.Config
	names   topics.Names
	prov    *countingProvider
	metrics *metrics.Metrics
	results *resultReader
	cancel  context.CancelFunc
	done    chan error
}

// runRetry measures DESIGN §7's retry tiers on a fresh broker: cfg's
// RetryRecords records wait in the tiers, due over the next RetryDueIn to
// RetryDueIn+RetryDueSpread; it samples CPU while they wait, then times
// every retry against its due time.
func runRetry(ctx context.Context, cfg *Config) RetryResult {
	res := RetryResult{Name: "retry", Records: cfg.RetryRecords}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	b, err := embedded.Start(ctx, embedded.Config{
		Topics:            topics.Config{Partitions: cfg.Partitions, Tiers: cfg.RetryTiers},
		MaxPartitionBytes: cfg.MaxPartitionBytes,
		CleanupInterval:   cfg.CleanupInterval,
	})
	if err != nil {
		res.Err = fmt.Errorf("bench broker: %w", err)
		return res
	}
	defer b.Close()
	kc := kclient.Config{Brokers: b.Addrs(), ClientID: "leadgen-bench"}
	res.Err = measureRun(
		func() (*retryRun, error) { return startRetry(ctx, cfg, kc, fail) },
		func(r *retryRun) error { return measureRetry(ctx, cfg, r, &res) })
	return res
}

// startRetry runs one retry worker over a counting provider, and a result
// reader; the worker stopping early cancels fail.
func startRetry(ctx context.Context, cfg *Config, kc kclient.Config, fail context.CancelCauseFunc) (*retryRun, error) {
	r := &retryRun{kafka: kc, prov: newCountingProvider(), metrics: metrics.New(), done: make(chan error, 1)}
	env := &worker.Env{Provider: r.prov, Names: r.names, Enabled: []string{provName}, Tiers: cfg.RetryTiers,
		Metrics: r.metrics, Logger: slog.New(slog.DiscardHandler)}
	w, err := retry.New(env, cfg.MaxInFlight, kc.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("bench retry worker: %w", err)
	}
	if r.results, err = newResultReader(kc, r.names.Results(), cfg.RetryRecords); err != nil {
		return nil, err
	}
	ctx, r.cancel = context.WithCancel(ctx)
	go func() {
		err := w.Run(ctx)
		if ctx.Err() == nil {
			fail(fmt.Errorf("retry worker stopped early: %v", err))
		}
		r.done <- err
	}()
	go r.results.run(ctx)
	return r, nil
}

// stop ends the worker and the reader and waits for the worker.
func (r *retryRun) stop() error {
	r.cancel()
	if err := <-r.done; err != nil {
		return fmt.Errorf("retry worker: %w", err)
	}
	return nil
}

// measureRetry produces the tier records, samples CPU while they wait,
// then waits for every retry and measures it.
func measureRetry(ctx context.Context, cfg *Config, r *retryRun, res *RetryResult) error {
	recs, err := r.produce(ctx, cfg, res)
	if err != nil {
		return err
	}
	firstDue := recs[0].due
	if err := r.sampleIdle(ctx, cfg, firstDue, res); err != nil {
		return err
	}
	progress(cfg, "%s: waiting for %d retries due until %s", res.Name, len(recs), recs[len(recs)-1].due.Format(time.TimeOnly))
	err = r.results.wait(ctx)
	if err == nil {
		err = tick.Sleep(ctx, retryGrace)
	}
	r.tally(recs, res)
	if err != nil {
		return fmt.Errorf("%s: %w (cause: %v)", res.Name, err, context.Cause(ctx))
	}
	return nil
}

// produce writes cfg.RetryRecords retry records, due from RetryDueIn on.
func (r *retryRun) produce(ctx context.Context, cfg *Config, res *RetryResult) ([]tierRecord, error) {
	now := time.Now()
	due := dueTimes(cfg.RetryRecords, now.Add(cfg.RetryDueIn), cfg.RetryDueSpread)
	recs, err := tierRecords(r.names, cfg.RetryTiers, due, now)
	if err != nil {
		return nil, err
	}
	progress(cfg, "%s: producing %d records into the %s tiers, due %s to %s from now", res.Name, len(recs),
		tierList(cfg.RetryTiers[:min(2, len(cfg.RetryTiers))]), cfg.RetryDueIn, cfg.RetryDueIn+cfg.RetryDueSpread)
	res.Partitions, err = produceTiers(ctx, r.kafka, recs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", res.Name, err)
	}
	return recs, nil
}

// sampleIdle waits until the worker has paused every tier partition,
// then measures process CPU over cfg.RetryIdle; all of it must end before
// firstDue.
func (r *retryRun) sampleIdle(ctx context.Context, cfg *Config, firstDue time.Time, res *RetryResult) error {
	held, err := r.waitHeld(ctx, res.Partitions, firstDue.Add(-cfg.RetryIdle))
	res.Held = held
	if err != nil {
		return fmt.Errorf("%s: %w", res.Name, err)
	}
	_, calls := r.prov.snapshot()
	res.Waiting = res.Records - len(calls)
	progress(cfg, "%s: %d records waiting, %d of them held in memory; sampling CPU for %s", res.Name, res.Waiting, held, cfg.RetryIdle)
	runtime.GC()
	cpu, start := cpuTime(), time.Now()
	if err := tick.Sleep(ctx, cfg.RetryIdle); err != nil {
		return fmt.Errorf("%s: %w", res.Name, context.Cause(ctx))
	}
	res.IdleCPU, res.IdleWall = cpuTime()-cpu, time.Since(start)
	if end := time.Now(); !end.Before(firstDue) {
		return fmt.Errorf("%s: the CPU sample ended %s after the first due time; raise --retry-due-in", res.Name, end.Sub(firstDue))
	}
	return nil
}

// waitHeld polls the worker's waiting gauge until it holds at least one
// record per tier partition (each paused at its head) and has not changed
// for heldStable, giving up at deadline; it returns the last value seen.
func (r *retryRun) waitHeld(ctx context.Context, partitions int, deadline time.Time) (int, error) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	last, since := -1, time.Now()
	for {
		held := int(gaugeValue(r.metrics, waitingGauge))
		if held != last {
			last, since = held, time.Now()
		}
		switch {
		case held >= partitions && time.Since(since) >= heldStable:
			return held, nil
		case time.Now().After(deadline):
			return held, fmt.Errorf("worker holds %d records (want a steady count, at least %d) with too little time left before the first due time; raise --retry-due-in", held, partitions)
		}
		select {
		case <-ctx.Done():
			return held, context.Cause(ctx)
		case <-t.C:
		}
	}
}

// tally matches every record with its lookup and result.
func (r *retryRun) tally(recs []tierRecord, res *RetryResult) {
	called, calls := r.prov.snapshot()
	fetched, results := r.results.snapshot()
	fs := make([]firing, len(recs))
	for i, rec := range recs {
		fs[i] = firing{due: rec.due, intended: rec.intended, called: called[rec.id], fetched: fetched[rec.id]}
	}
	l := summarizeFirings(fs)
	res.Late, res.Early, res.EarlyUnrounded = l.Late, l.Early, l.EarlyUnrounded
	res.Fired, res.Duplicates = len(fetched), duplicates(calls, results)
}

// gaugeValue sums the series of the named gauge in m's registry.
func gaugeValue(m *metrics.Metrics, name string) float64 {
	mfs, err := m.Registry.Gather()
	if err != nil {
		return 0
	}
	var v float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, s := range mf.GetMetric() {
			v += s.GetGauge().GetValue()
		}
	}
	return v
}

// tierList writes tiers as topic names carry them: "10s,1m".
func tierList(tiers []time.Duration) string {
	parts := make([]string, len(tiers))
	for i, d := range tiers {
		parts[i] = topics.FormatDelay(d)
	}
	return strings.Join(parts, ",")
}
