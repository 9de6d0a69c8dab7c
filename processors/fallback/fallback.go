// Package fallback runs a provider's fallback chain for requests its
// primary API could not answer (after the last retry tier, at once for
// permanent failures, or while the breaker is open):
//
//	secondary API → stale cache entry within max-stale → explicit "unavailable"
//
// Each answer is a DiscoveryResult with status FALLBACK and the layer that
// gave it. Nothing is invented: the last layer carries no people. When no
// layer had data, the request also goes to the dead-letter topic so an
// operator can replay it once the provider is back.
package fallback

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/consume"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Config adds the fallback layers to a provider's environment.
type Config struct {
	// Secondary is the secondary API (nil: none), e.g. OpenCorporates for
	// companies_house.
	Secondary provider.Provider
	// MaxStale is the oldest cache entry served (default 7 days).
	MaxStale time.Duration
}

// Group is the consumer group of a provider's fallback worker.
func Group(prefix, p string) string { return prefix + "leadgen-fallback-" + p }

// Worker is one provider's fallback worker.
type Worker struct {
	env  *worker.Env
	cfg  Config
	cons *consume.Consumer
	out  *worker.Output
}

// New builds a fallback worker; opts carry the connection.
func New(env *worker.Env, cfg Config, maxInFlight int, opts ...kgo.Opt) (*Worker, error) {
	env.SetDefaults()
	if err := env.Validate(); err != nil {
		return nil, err
	}
	if cfg.MaxStale == 0 {
		cfg.MaxStale = 7 * 24 * time.Hour
	}
	w := &Worker{env: env, cfg: cfg}
	cc := env.ConsumeConfig("fallback", Group(env.Names.Prefix, env.Name()), []string{env.Names.Fallback(env.Name())}, w.handle, maxInFlight)
	cons, out, err := env.Consume(cc, nil, opts...)
	if err != nil {
		return nil, err
	}
	w.cons, w.out = cons, out
	return w, nil
}

// Run works until ctx ends.
func (w *Worker) Run(ctx context.Context) error { return w.cons.Run(ctx) }

func (w *Worker) handle(ctx context.Context, rec *kgo.Record) error {
	attempt := worker.AttemptOf(rec)
	req, err := schemas.DecodeCompanyRequest(rec.Value)
	if err != nil {
		return w.out.DeadLetter(ctx, rec, attempt, failure.New(failure.Undecodable, err))
	}
	expected := worker.Expected(req.Providers, w.env.Enabled)
	res, err := w.chain(ctx, req)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	w.env.Complete(res, req, expected)
	w.env.Metrics.FallbackLayer.WithLabelValues(w.env.Name(), string(res.Layer)).Inc()
	if res.Layer == schemas.LayerNone {
		// Dead-letter under the class that sent it here (transient,
		// breaker_open, ...), so operators see why the primary failed.
		if class := route.Header(rec, route.HeaderErrorClass); class != "" {
			err = failure.New(failure.Class(class), err)
		}
		if err := w.out.DeadLetter(ctx, rec, attempt, err); err != nil {
			return err
		}
	}
	return w.out.Emit(ctx, rec, res)
}

// chain tries each layer in turn; with no data anywhere it returns the
// "unavailable" result and the error that explains it.
func (w *Worker) chain(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	res, secErr := w.secondary(ctx, req)
	if secErr == nil {
		return res, nil
	}
	if res, ok := w.stale(ctx, req); ok {
		return res, nil
	}
	cause := errors.Join(secErr, errors.New("no cache entry within max-stale"))
	err := failure.New(failure.Permanent, fmt.Errorf("fallback of %s found no data: %w", w.env.Name(), cause))
	return worker.Failed(schemas.StatusFallback, err), err
}

func (w *Worker) secondary(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	if w.cfg.Secondary == nil {
		return nil, errors.New("no secondary source")
	}
	callCtx, cancel := context.WithTimeout(ctx, w.env.Timeout)
	defer cancel()
	start := w.env.Now()
	res, err := w.cfg.Secondary.Lookup(callCtx, req)
	if err != nil {
		return nil, fmt.Errorf("secondary %s: %s", w.cfg.Secondary.Name(), route.Message(err))
	}
	if res.Status != schemas.StatusOK {
		return nil, fmt.Errorf("secondary %s: %s", w.cfg.Secondary.Name(), res.Status)
	}
	res.Status, res.Layer = schemas.StatusFallback, schemas.LayerSecondary
	res.LatencyMs = w.env.Now().Sub(start).Milliseconds()
	return res, nil
}

// stale serves the last good primary result if it is within max-stale,
// its confidence lowered in proportion to its age.
func (w *Worker) stale(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, bool) {
	if w.env.Cache == nil {
		return nil, false
	}
	e, ok := w.env.Cache.Get(ctx, cache.Key(w.env.Name(), req))
	age := w.env.Now().Sub(e.StoredAt)
	if !ok || age > w.cfg.MaxStale {
		w.env.Metrics.Cache.WithLabelValues(w.env.Name(), "miss").Inc()
		return nil, false
	}
	w.env.Metrics.Cache.WithLabelValues(w.env.Name(), "stale").Inc()
	res := *e.Result
	res.Status, res.Layer, res.FromCache = schemas.StatusFallback, schemas.LayerStaleCache, true
	res.APICalls, res.CostUSD, res.LatencyMs = 0, 0, 0
	res.Confidence = e.Result.Confidence * 0.5 * (1 - float64(age)/float64(w.cfg.MaxStale))
	return &res, true
}

// Joined says whether the worker has joined its consumer group.
func (w *Worker) Joined() bool { return w.cons.Joined() }

// Group is the worker's consumer group.
func (w *Worker) Group() string { return w.cons.Group() }
