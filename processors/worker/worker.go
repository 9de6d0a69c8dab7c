package worker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/consume"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Worker consumes company-requests for one provider and writes one
// DiscoveryResult per request it is expected to answer, or routes the
// request to a retry tier, the fallback or the dead-letter topic. A record
// that does not decode, or a request over the input limits (requestcheck),
// is never looked up: the designated provider dead-letters it, once.
type Worker struct {
	env  *Env
	cons *consume.Consumer
	out  *Output
	// gate is closed when a flood pause ends; nil when none is under way.
	gate atomic.Pointer[chan struct{}]
	// stopping is closed when Run's context ends: gated records give up at
	// once instead of waiting out the drain.
	stopping chan struct{}
}

// New builds the input worker; maxInFlight bounds concurrent lookups
// (0: 256); opts carry the connection (see kclient).
func New(env *Env, maxInFlight int, opts ...kgo.Opt) (*Worker, error) {
	env.SetDefaults()
	if err := env.Validate(); err != nil {
		return nil, err
	}
	w := &Worker{env: env, stopping: make(chan struct{})}
	cfg := env.ConsumeConfig("", Group(env.Names.Prefix, env.Name()), []string{env.Names.Requests()}, w.handle, maxInFlight)
	cons, out, err := env.Consume(cfg, w.pause, opts...)
	if err != nil {
		return nil, err
	}
	w.cons, w.out = cons, out
	return w, nil
}

// Run works until ctx ends, then finishes or hands back in-flight records.
func (w *Worker) Run(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { close(w.stopping) })
	defer stop()
	return w.cons.Run(ctx)
}

// pause stops taking new requests for d: dead letters are flooding, most
// likely an outage, and the input should wait rather than drain into the
// dead-letter topic.
func (w *Worker) pause(d time.Duration) {
	if !w.cons.PauseFor(d) {
		return
	}
	w.env.Logger.Error("dead letters flood: input paused", "provider", w.env.Name(), "for", d.String())
	g := w.env.Metrics.DLQFlood.WithLabelValues(w.env.Name())
	g.Set(1)
	gate := make(chan struct{})
	w.gate.Store(&gate)
	time.AfterFunc(d, func() {
		g.Set(0)
		w.gate.Store(nil)
		close(gate)
	})
}

// waitGate holds a record already fetched while a flood pause is under
// way, so it does not call the API and drain into the dead-letter topic.
func (w *Worker) waitGate(ctx context.Context) error {
	gate := w.gate.Load()
	if gate == nil {
		return nil
	}
	select {
	case <-*gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-w.stopping:
		return errors.New("stopping during a flood pause")
	}
}

func (w *Worker) handle(ctx context.Context, rec *kgo.Record) error {
	req, err := schemas.DecodeCompanyRequest(rec.Value)
	if err != nil {
		return w.undecodable(ctx, rec, err)
	}
	if err := requestcheck.Check(req); err != nil {
		return w.invalid(ctx, rec, err)
	}
	w.flag(rec, req)
	expected := Expected(req.Providers, w.env.Enabled)
	if len(expected) == 0 {
		return w.noProvider(ctx, rec, req)
	}
	if !slices.Contains(expected, w.env.Name()) {
		return nil
	}
	if err := w.waitGate(ctx); err != nil {
		return err
	}
	res, err := w.env.Attempt(ctx, req, expected)
	if Interrupted(ctx, err) {
		return fmt.Errorf("lookup of %s interrupted: %w", req.RequestID, err) // the next owner takes the record
	}
	if err != nil {
		return w.out.Route(ctx, rec, 1, -1, err)
	}
	return w.out.Emit(ctx, rec, res)
}

// undecodable sends a record nobody can read to the dead-letter topic,
// untouched, from the designated provider only; the others count it and
// move on. It never stalls the partition.
func (w *Worker) undecodable(ctx context.Context, rec *kgo.Record, err error) error {
	w.env.Metrics.Undecodable.WithLabelValues(rec.Topic).Inc()
	if Designated(w.env.Enabled) != w.env.Name() {
		return nil
	}
	return w.out.DeadLetter(ctx, rec, 1, failure.New(failure.Undecodable, err))
}

// invalid sends a request over a limit or malformed to the dead-letter
// topic with class invalid and the reason, from the designated provider
// only; the others skip it. No provider is called for it, so no result is
// written and the aggregator, which only sees results, never waits on it.
func (w *Worker) invalid(ctx context.Context, rec *kgo.Record, err error) error {
	if Designated(w.env.Enabled) != w.env.Name() {
		return nil
	}
	return w.out.DeadLetter(ctx, rec, 1, failure.New(failure.Invalid, err))
}

// flag counts and logs what is odd about a request that is still answered
// (requestcheck.Anomalies), once, from the designated provider.
func (w *Worker) flag(rec *kgo.Record, req *schemas.CompanyRequest) {
	if Designated(w.env.Enabled) != w.env.Name() {
		return
	}
	for _, a := range requestcheck.Anomalies(rec.Key, req, w.env.Now()) {
		w.env.Metrics.RequestAnomalies.WithLabelValues(string(a)).Inc()
		w.env.Logger.Warn("request anomaly", "kind", string(a), "request_id", req.RequestID,
			"key", clip(rec.Key), "requested_at", req.RequestedAt.UTC().Format(time.RFC3339Nano),
			"topic", rec.Topic, "partition", rec.Partition, "offset", rec.Offset)
	}
}

// clip shortens a record key for a log line: a hostile key may be as long
// as the broker allows.
func clip(key []byte) string {
	if len(key) > requestcheck.MaxRequestID {
		return string(key[:requestcheck.MaxRequestID]) + "…"
	}
	return string(key)
}

// noProvider dead-letters a request that names only disabled providers.
func (w *Worker) noProvider(ctx context.Context, rec *kgo.Record, req *schemas.CompanyRequest) error {
	if Designated(w.env.Enabled) != w.env.Name() {
		return nil
	}
	err := fmt.Errorf("request %s names providers %v, none of them enabled (%v)", req.RequestID, req.Providers, w.env.Enabled)
	return w.out.DeadLetter(ctx, rec, 1, failure.New(failure.Permanent, err))
}

// Joined says whether the worker has joined its consumer group.
func (w *Worker) Joined() bool { return w.cons.Joined() }

// Group is the worker's consumer group.
func (w *Worker) Group() string { return w.cons.Group() }
