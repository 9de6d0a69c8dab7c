package sandbox

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/chstream"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
)

// Config sets up a sandbox Server. The zero value is a fast, fault-free
// sandbox with the real Companies House quota and no other.
type Config struct {
	// Latency is the Faults.Latency of every provider without an entry
	// in Faults: added to every API response, to mimic a remote service;
	// 0 answers at once.
	Latency time.Duration
	// ErrorRate is the Faults.Status5xx of every provider without an
	// entry in Faults: the fraction (0..1) of API responses answered 503
	// with the provider's error body; 0 injects no faults.
	ErrorRate float64
	// Faults sets the faults of single providers at start, by provider
	// name (see Providers). An entry replaces Latency and ErrorRate for
	// its provider; providers without one get them.
	Faults map[string]Faults
	// Seed drives which responses turn into faults, so a run can be
	// repeated. The dataset itself never changes.
	Seed int64
	// RateLimit is how many Companies House calls one API key may make per
	// RateWindow; default 600, the real quota. Negative disables the
	// limit, e.g. for benchmarks that would otherwise hit 429. An entry
	// for companies_house in Quotas wins over both.
	RateLimit int
	// RateWindow is the quota window; default 5m, the real one.
	RateWindow time.Duration
	// Quotas sets the quota each API enforces per credential, by provider
	// name: companies_house, opencorporates, x, linkedin or facebook (a
	// website has none). An API without an entry has no quota, but
	// Companies House, which has RateLimit per RateWindow. Each answers
	// as the real API does; see Quota and the package doc.
	Quotas map[string]Quota
	// FacebookAppSecret, when set, is the secret of the Graph app every
	// token belongs to, and the Graph API requires appsecret_proof, the
	// hex HMAC-SHA256 of the token keyed with it, as Graph does of an app
	// with "Require App Secret" on: a call without a proof, or with one
	// not made from this secret and its token, is refused as Graph refuses
	// it (HTTP 400, code 100, GraphMethodException). Empty, the default,
	// requires no proof and ignores any sent.
	FacebookAppSecret string
	// MaxPageSize caps items_per_page (and per_page) like the real APIs
	// cap it; default 100. Tests set it low to force clients to page.
	MaxPageSize int
	// Stream shapes the Companies House streaming API (see
	// internal/sandbox/chstream): how many events, how fast, where
	// connections are cut and which timepoints are too old. Its 429s and
	// 5xx are the companies_house_stream entry of Faults.
	Stream StreamConfig
	// Logger receives the sandbox's startup and shutdown lines; default
	// slog.Default().
	Logger *slog.Logger
}

// StreamConfig shapes the simulated Companies House streams.
type StreamConfig = chstream.Config

// The defaults, matching the real Companies House API.
const (
	DefaultRateLimit   = 600
	DefaultRateWindow  = 5 * time.Minute
	DefaultMaxPageSize = 100
)

func (c *Config) setDefaults() {
	if c.RateLimit == 0 {
		c.RateLimit = DefaultRateLimit
	}
	if c.RateWindow == 0 {
		c.RateWindow = DefaultRateWindow
	}
	if c.MaxPageSize == 0 {
		c.MaxPageSize = DefaultMaxPageSize
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Validate reports every setting that is out of range.
func (c Config) Validate() error {
	var errs []error
	if err := c.everyProvider().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("sandbox latency and error rate: %w", err))
	}
	for name, f := range c.Faults {
		if _, err := apiNamed(name); err != nil {
			errs = append(errs, err)
		} else if err := f.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("faults for %s: %w", name, err))
		}
	}
	for name, q := range c.Quotas {
		if err := ValidateQuota(name, q); err != nil {
			errs = append(errs, err)
		}
	}
	if c.RateWindow < 0 {
		errs = append(errs, fmt.Errorf("sandbox rate window must not be negative, got %s", c.RateWindow))
	}
	if err := c.Stream.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("sandbox stream: %w", err))
	}
	if c.MaxPageSize < 0 {
		errs = append(errs, fmt.Errorf("sandbox max page size must not be negative, got %d", c.MaxPageSize))
	}
	return errors.Join(errs...)
}

// everyProvider is the faults of a provider without an entry in Faults.
func (c Config) everyProvider() Faults {
	return Faults{Latency: c.Latency, Status5xx: c.ErrorRate}
}

// initialFaults gives every API its faults at start: its entry in
// Faults, else the Latency and ErrorRate every API shares.
func (c Config) initialFaults() map[string]Faults {
	out := make(map[string]Faults, len(apis))
	for _, a := range apis {
		f, ok := c.Faults[a.name]
		if !ok {
			f = c.everyProvider()
		}
		out[a.name] = f
	}
	return out
}

// quotaOf is the quota provider runs under: its entry in Quotas, else,
// for Companies House, RateLimit per RateWindow unless RateLimit is
// negative.
func (c Config) quotaOf(provider string) (Quota, bool) {
	if q, ok := c.Quotas[provider]; ok {
		return q, true
	}
	if provider == ProviderCompaniesHouse && c.RateLimit > 0 {
		return Quota{Limit: c.RateLimit, Window: c.RateWindow}, true
	}
	return Quota{}, false
}

// meter is the quota counter of a on the clock now: its quota, else its
// usage base for an API that reports usage without one, else nil.
func (c Config) meter(a *api, now func() time.Time) *quota.Meter {
	if q, ok := c.quotaOf(a.name); ok {
		return quota.NewMeter(q, now, a.quota)
	}
	if a.usageBase != (Quota{}) {
		return quota.NewMeter(a.usageBase, now, quota.Answers{Usage: a.quota.Usage})
	}
	return nil
}
