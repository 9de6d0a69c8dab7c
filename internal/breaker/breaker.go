// Package breaker wraps a provider in a circuit breaker (sony/gobreaker):
// after too many failures the breaker opens and lookups fail at once with
// class breaker_open, without calling the API, until a half-open probe
// succeeds.
package breaker

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
	"github.com/sony/gobreaker/v2"
)

// Config tunes a breaker.
type Config struct {
	// FailureRatio of failed lookups in the window that opens the breaker
	// (default 0.5).
	FailureRatio float64
	// MinRequests in the window before the ratio counts (default 10), so a
	// single failure on a quiet provider does not open it.
	MinRequests uint32
	// Window is the rolling period failures are counted over (default 30s).
	Window time.Duration
	// OpenFor is how long the breaker stays open before a half-open probe
	// (default 30s).
	OpenFor time.Duration
	Logger  *slog.Logger
}

func (c *Config) setDefaults() {
	c.FailureRatio = cmp.Or(c.FailureRatio, 0.5)
	c.MinRequests = cmp.Or(c.MinRequests, 10)
	c.Window = cmp.Or(c.Window, 30*time.Second)
	c.OpenFor = cmp.Or(c.OpenFor, 30*time.Second)
	c.Logger = cmp.Or(c.Logger, slog.Default())
}

// Breaker is a provider behind a circuit breaker.
type Breaker struct {
	next provider.Provider
	cb   *gobreaker.CircuitBreaker[*schemas.DiscoveryResult]
}

// Wrap puts p behind a breaker whose state is the metric
// leadgen_breaker_state{provider}.
func Wrap(p provider.Provider, cfg Config, m *metrics.Metrics) *Breaker {
	cfg.setDefaults()
	gauge := m.BreakerState.WithLabelValues(p.Name())
	gauge.Set(0)
	st := gobreaker.Settings{
		Name:         p.Name(),
		Interval:     cfg.Window,
		BucketPeriod: cfg.Window / 10,
		Timeout:      cfg.OpenFor,
		ReadyToTrip: func(c gobreaker.Counts) bool {
			return c.Requests >= cfg.MinRequests && float64(c.TotalFailures) >= cfg.FailureRatio*float64(c.Requests)
		},
		IsSuccessful: healthy,
		IsExcluded:   excluded,
		OnStateChange: func(name string, from, to gobreaker.State) {
			gauge.Set(float64(to))
			cfg.Logger.Warn("circuit breaker changed state", "provider", name, "from", from.String(), "to", to.String())
		},
	}
	return &Breaker{next: p, cb: gobreaker.NewCircuitBreaker[*schemas.DiscoveryResult](st)}
}

// healthy says whether an outcome speaks well of the provider: a result,
// or a failure that is the request's fault (not found, permanent).
func healthy(err error) bool {
	if err == nil {
		return true
	}
	switch failure.ClassOf(err) {
	case failure.NotFound, failure.Permanent:
		return true
	}
	return false
}

// excluded says which outcomes the breaker does not count at all: a
// lookup cancelled by its caller, and a 429 (rate_limited), which is the
// provider pushing back on its quota, not failing.
func excluded(err error) bool {
	return errors.Is(err, context.Canceled) || failure.ClassOf(err) == failure.RateLimited
}

// Name implements provider.Provider.
func (b *Breaker) Name() string { return b.next.Name() }

// Lookup calls the provider unless the breaker is open.
func (b *Breaker) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	res, err := b.cb.Execute(func() (*schemas.DiscoveryResult, error) { return b.next.Lookup(ctx, req) })
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		return nil, failure.New(failure.BreakerOpen, err)
	}
	return res, err
}

// State is the breaker's current state: "closed", "half-open" or "open".
func (b *Breaker) State() string { return b.cb.State().String() }
