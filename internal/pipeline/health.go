package pipeline

import (
	"time"

	"github.com/leadgen/leadgen/internal/breaker"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/processors/provider"
)

// expiring is a client whose credential lapses (LinkedIn's member
// token); its provider's health reports when.
type expiring interface {
	Expiry() health.Expiry
}

// expiryOf returns p's client as expiring, or nil when its credential
// does not lapse.
func expiryOf(p provider.Provider) expiring {
	if c, ok := p.(*Client); ok {
		p = c.Provider
	}
	e, _ := p.(expiring)
	return e
}

// providerHealth reports provider p's health: its grade from the recent
// outcomes and the breaker, the error classes of those outcomes, its
// quota use when a limiter paces it, and its credential's expiry.
func providerHealth(p provider.Provider, br *breaker.Breaker, recent *health.Window, now func() time.Time) health.ProviderState {
	expiry := expiryOf(p)
	c, _ := p.(*Client)
	return func() health.Provider {
		rate, n := recent.Rate()
		h := health.Provider{State: health.State(rate, br.State()), SuccessRate: rate, Lookups: n, Breaker: br.State(),
			Errors: recent.Errors()}
		if c != nil && c.Limiter != nil {
			h.Quota = quotaUse(c.Limiter.Use())
		}
		if expiry != nil {
			h = h.WithExpiry(expiry.Expiry(), now())
		}
		return h
	}
}

// quotaUse is the health report's view of a limiter's use.
func quotaUse(u ratelimit.Use) *health.QuotaUse {
	q := &health.QuotaUse{Limit: u.Quota.String(), Reset: u.Reset, Waiting: u.Waiting,
		DrainSeconds: u.Drain.Seconds(), BlockedUntil: u.BlockedUntil}
	if u.HasRemaining {
		q.Remaining = &u.Remaining
	}
	return q
}
