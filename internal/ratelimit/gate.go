package ratelimit

import (
	"context"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// Lookuper is a provider as a Gate sees it (processors/provider.Provider).
type Lookuper interface {
	Name() string
	Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error)
}

// DefaultDeferFor is how long a lookup may wait, in all, for an API that
// answers 429 before the 429 is routed like any other failure: long
// enough for a daily quota to come back.
const DefaultDeferFor = 24 * time.Hour

// Gate wraps a provider's lookups with its quota. A lookup starts only
// when the limiter admits it (waiting is never an error and never counts
// against the timeout); each attempt's calls are bounded by Timeout; a
// 429 (class rate_limited) blocks the limiter until the API says and the
// lookup is tried again then, for up to DeferFor in all. A lookup that
// would wait past DeferFor for the API fails rate_limited at once and is
// routed.
type Gate struct {
	Next Lookuper
	// Limiter paces the API's calls; nil: the API has no quota, and only
	// Timeout applies.
	Limiter *Limiter
	// Timeout bounds one attempt's calls (default 15s).
	Timeout time.Duration
	// Skip, when it says true, lets a lookup through without waiting: the
	// next layer refuses it without a call (an open breaker).
	Skip func() bool
	// DeferFor bounds the waits after 429s of one lookup (default
	// DefaultDeferFor).
	DeferFor time.Duration
	// Daily says the API has a daily quota it does not announce: 429s in
	// a row that outlast short backoffs wait for midnight UTC (LinkedIn).
	Daily bool
	// Logger receives deferrals, at most one line a minute (default
	// slog.Default()).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Name implements the provider interface.
func (g *Gate) Name() string { return g.Next.Name() }

// Lookup implements the provider interface.
func (g *Gate) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	if g.Limiter == nil || (g.Skip != nil && g.Skip()) {
		return g.attempt(ctx, req, nil)
	}
	var earlier tally
	giveUp := g.now().Add(g.deferFor())
	for {
		p, err := g.Limiter.Admit(ctx, giveUp)
		if err != nil {
			earlier.finish(g.Limiter)
			return nil, err
		}
		res, err := g.attempt(ctx, req, p)
		if failure.ClassOf(err) != failure.RateLimited || ctx.Err() != nil {
			return earlier.settle(g.Limiter, res, p), err
		}
		earlier.add(p)
		until := g.Limiter.PushedBack(failure.RetryAfterOf(err), g.Daily)
		if until.After(giveUp) {
			earlier.finish(g.Limiter)
			return nil, err
		}
		g.logDeferral(req, until)
	}
}

// attempt runs one try of the lookup with its calls bounded by Timeout.
func (g *Gate) attempt(ctx context.Context, req *schemas.CompanyRequest, p *Pass) (*schemas.DiscoveryResult, error) {
	ctx, cancel := context.WithTimeout(ctx, g.timeout())
	defer cancel()
	if p != nil {
		ctx = p.bind(ctx)
	}
	return g.Next.Lookup(ctx, req)
}

func (g *Gate) logDeferral(req *schemas.CompanyRequest, until time.Time) {
	if g.Limiter.logTurn() {
		g.logger().Info("the api pushed back (429): lookups deferred until it takes calls again", "provider", g.Name(),
			"request_id", req.RequestID, "until", until.UTC().Format(time.RFC3339), "waiting", g.Limiter.Waiting())
	}
}

func (g *Gate) timeout() time.Duration {
	if g.Timeout > 0 {
		return g.Timeout
	}
	return 15 * time.Second
}

func (g *Gate) deferFor() time.Duration {
	if g.DeferFor > 0 {
		return g.DeferFor
	}
	return DefaultDeferFor
}

func (g *Gate) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

func (g *Gate) logger() *slog.Logger {
	if g.Logger != nil {
		return g.Logger
	}
	return slog.Default()
}

// tally counts the calls of a lookup's deferred attempts: every call is
// in the result's api_calls, only calls the API did not refuse in its
// cost.
type tally struct{ calls, billable int }

func (t *tally) add(p *Pass) {
	c, l := int(p.calls.Load()), int(p.limited.Load())
	t.calls += c
	t.billable += c - l
}

// finish reports a lookup that ends without a result, if it made calls.
func (t tally) finish(l *Limiter) {
	if t.calls > 0 {
		l.Finished(t.calls)
	}
}

// settle adds the deferred attempts' calls to the final attempt's result
// and reports the lookup's calls to the limiter. The cost of a call is
// the final attempt's cost per call, as the provider priced it.
func (t tally) settle(l *Limiter, res *schemas.DiscoveryResult, last *Pass) *schemas.DiscoveryResult {
	l.Finished(t.calls + int(last.calls.Load()))
	if res == nil || t.calls == 0 {
		return res
	}
	if res.APICalls > 0 {
		res.CostUSD += float64(t.billable) * res.CostUSD / float64(res.APICalls)
	}
	res.APICalls += int32(t.calls)
	return res
}
