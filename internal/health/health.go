// Package health answers /healthz (the process is alive) and /readyz (it
// has joined its consumer groups, the broker answers, Redis answers or the
// process says it runs degraded without it), with JSON detail per
// provider: HEALTHY, DEGRADED or UNHEALTHY from its recent success rate,
// breaker state and, for a credential that lapses, how long it has left.
package health

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// The provider states.
const (
	Healthy   = "HEALTHY"
	Degraded  = "DEGRADED"
	Unhealthy = "UNHEALTHY"
)

// Check reports whether one component is ready, with a short detail.
type Check func(ctx context.Context) (ready bool, detail string)

// ProviderState reports a provider's state and its detail.
type ProviderState func() Provider

// Provider is one provider's health.
type Provider struct {
	State       string  `json:"state"`
	SuccessRate float64 `json:"success_rate"`
	Lookups     int     `json:"recent_lookups"`
	Breaker     string  `json:"breaker"`
	// Credential says when the provider's credential lapses, for one
	// that does (see Expiry); empty otherwise.
	Credential string `json:"credential,omitempty"`
	// Errors counts the error classes of its recent lookups (rate_limited,
	// timeout, auth ...); empty when none failed.
	Errors map[string]int `json:"recent_errors,omitempty"`
	// Quota is how the provider's API quota is being used, for a provider
	// paced by one.
	Quota *QuotaUse `json:"quota,omitempty"`
}

// QuotaUse is a provider's quota as one process sees it.
type QuotaUse struct {
	// Limit is the quota in force, as "600/5m": configured, or the API's
	// own when it stated a lower one.
	Limit string `json:"limit"`
	// Remaining is the calls the API last said were left in its window
	// (nil when it has not said); Reset is when that window ends.
	Remaining *int      `json:"remaining,omitempty"`
	Reset     time.Time `json:"reset,omitzero"`
	// Waiting is the lookups waiting for a turn; Drain how long the quota
	// needs to serve them.
	Waiting      int     `json:"waiting"`
	DrainSeconds float64 `json:"drain_seconds"`
	// BlockedUntil is set while the API has refused calls until then.
	BlockedUntil time.Time `json:"blocked_until,omitzero"`
}

// Registry collects the checks of one process.
type Registry struct {
	mu        sync.Mutex
	checks    map[string]Check
	providers map[string]ProviderState
}

// New returns an empty registry: ready until something says otherwise.
func New() *Registry {
	return &Registry{checks: map[string]Check{}, providers: map[string]ProviderState{}}
}

// AddCheck registers a readiness check under name.
func (r *Registry) AddCheck(name string, c Check) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.checks[name] = c
}

// AddProvider registers a provider's health.
func (r *Registry) AddProvider(name string, p ProviderState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.providers[name] = p
}

// Providers reports every registered provider's health now.
func (r *Registry) Providers() map[string]Provider {
	r.mu.Lock()
	providers := copyMap(r.providers)
	r.mu.Unlock()
	out := make(map[string]Provider, len(providers))
	for name, p := range providers {
		out[name] = p()
	}
	return out
}

type component struct {
	Ready  bool   `json:"ready"`
	Detail string `json:"detail,omitempty"`
}

type report struct {
	Ready      bool                 `json:"ready"`
	Components map[string]component `json:"components"`
	Providers  map[string]Provider  `json:"providers"`
}

// Ready runs every check (each within a second) and reports.
func (r *Registry) Ready(ctx context.Context) report {
	r.mu.Lock()
	checks := copyMap(r.checks)
	r.mu.Unlock()
	out := report{Ready: true, Components: map[string]component{}, Providers: r.Providers()}
	for _, name := range keys(checks) {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		ok, detail := checks[name](cctx)
		cancel()
		out.Components[name] = component{Ready: ok, Detail: detail}
		out.Ready = out.Ready && ok
	}
	return out
}

// Handler serves /readyz: 200 when ready, 503 when not, JSON either way.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rep := r.Ready(req.Context())
		w.Header().Set("Content-Type", "application/json")
		if !rep.Ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(rep)
	})
}

func copyMap[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
