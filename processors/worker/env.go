package worker

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/flood"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/topics"
)

// Env is what the input, retry and fallback workers of one provider share.
type Env struct {
	// Provider is the client, usually behind a circuit breaker.
	Provider provider.Provider
	Names    topics.Names
	// Enabled are every enabled provider's names (LEADGEN_PROVIDERS); they
	// decide the expected providers of a request that names none.
	Enabled []string
	// Tiers are the retry delays (default topics.DefaultTiers).
	Tiers []time.Duration
	// Timeout bounds the fallback's call to a secondary source (default
	// 15s); primary lookups are bounded by their ratelimit.Gate.
	Timeout time.Duration
	// Cache holds good results for the stale-cache fallback (nil: none);
	// the provider, wrapped in cache.Fresh, fills it.
	Cache *cache.Store
	// Flood pauses the input while dead letters flood (nil: never).
	Flood *flood.Guard
	// Recent keeps recent lookup outcomes for health (nil: none).
	Recent  *health.Window
	Metrics *metrics.Metrics
	Logger  *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// ShutdownTimeout bounds each worker's stop (consume.Config; default
	// 30s).
	ShutdownTimeout time.Duration
}

// SetDefaults fills unset fields.
func (e *Env) SetDefaults() {
	if e.Tiers == nil {
		e.Tiers = topics.DefaultTiers
	}
	e.Timeout = cmp.Or(e.Timeout, 15*time.Second)
	if e.Metrics == nil {
		e.Metrics = metrics.New()
	}
	e.Logger = cmp.Or(e.Logger, slog.Default())
	if e.Now == nil {
		e.Now = time.Now
	}
}

// Validate reports an environment that cannot run.
func (e *Env) Validate() error {
	if e.Provider == nil {
		return errors.New("provider worker: no provider")
	}
	if !slices.Contains(e.Enabled, e.Provider.Name()) {
		return fmt.Errorf("provider worker: %s is not among the enabled providers %v", e.Provider.Name(), e.Enabled)
	}
	return nil
}

// Name is the provider's name.
func (e *Env) Name() string { return e.Provider.Name() }

// Group is the consumer group of a provider's input worker.
func Group(prefix, provider string) string { return prefix + "leadgen-provider-" + provider }
