package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Quota is one API's call allowance per credential: Limit calls in a
// fixed Window that starts with the credential's first call. Calls
// beyond it are refused in the API's own over-quota answer until the
// window ends; refused calls do not consume it.
type Quota struct {
	// Limit is how many calls one credential may make per Window; at
	// least 1.
	Limit int
	// Window is how long a window lasts; positive.
	Window time.Duration
}

// ValidateQuota reports a provider that has no quota in the sandbox (an
// unknown name, or website: a company's own server, not an API) and a
// quota out of range.
func ValidateQuota(provider string, q Quota) error {
	a, err := apiNamed(provider)
	if err != nil {
		return err
	}
	if a.overQuota == nil {
		return fmt.Errorf("sandbox %s has no quota; quotas apply to %s", provider, strings.Join(quotaProviders(), ", "))
	}
	var errs []error
	if q.Limit < 1 {
		errs = append(errs, fmt.Errorf("sandbox %s quota limit must be at least 1, got %d", provider, q.Limit))
	}
	if q.Window <= 0 {
		errs = append(errs, fmt.Errorf("sandbox %s quota window must be positive, got %s", provider, q.Window))
	}
	return errors.Join(errs...)
}

// quotaProviders names the APIs a quota may be set for.
func quotaProviders() []string {
	var out []string
	for _, a := range apis {
		if a.overQuota != nil {
			out = append(out, a.name)
		}
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

// meter is one API's quota in force. A meter that does not refuse only
// feeds the API's usage headers (Graph's X-App-Usage without a
// configured quota).
type meter struct {
	*limiter
	usage     func(http.Header, quota)
	overQuota func(http.ResponseWriter, quota)
	refuses   bool
	refused   atomic.Int64
}

// meters builds the quota counter of every API that has a quota or
// reports usage without one.
func meters(cfg Config, now func() time.Time) map[string]*meter {
	out := map[string]*meter{}
	for _, a := range apis {
		q, ok := cfg.quotaOf(a.name)
		switch {
		case ok:
			out[a.name] = &meter{limiter: newLimiter(q.Limit, q.Window, now), usage: a.usage, overQuota: a.overQuota, refuses: true}
		case a.usageBase != (Quota{}):
			out[a.name] = &meter{limiter: newLimiter(a.usageBase.Limit, a.usageBase.Window, now), usage: a.usage}
		}
	}
	return out
}

// admit spends one call of key's window of provider's quota and writes
// the provider's usage headers. It reports whether the route may answer;
// when not, it has written the provider's over-quota answer.
func (s *Server) admit(w http.ResponseWriter, provider, key string) bool {
	m := s.meters[provider]
	if m == nil {
		return true
	}
	q := m.take(key)
	if m.usage != nil {
		m.usage(w.Header(), q)
	}
	if q.allowed || !m.refuses {
		return true
	}
	m.refused.Add(1)
	m.overQuota(w, q)
	return false
}

// QuotaRefusals returns how many calls of the named API (a provider
// name, see Providers) the sandbox refused because their credential's
// quota was spent. Injected RateLimited and FirstCallsRateLimited faults
// are not counted: they are the test's doing, not the client's.
func (s *Server) QuotaRefusals(provider string) int {
	m := s.meters[provider]
	if m == nil || !m.refuses {
		return 0
	}
	return int(m.refused.Load())
}

// spent is the window an injected rate-limited answer reports: nothing
// left until retryAfter from now, of the API's quota when it has one.
func (s *Server) spent(provider string, retryAfter time.Duration) quota {
	now := s.now()
	q := quota{now: now, reset: now.Add(retryAfter)}
	if m := s.meters[provider]; m != nil && m.refuses {
		q.limit, q.window = m.limit, m.window
	}
	return q
}

// quotaText describes provider's quota for the sandbox's front page.
func (s *Server) quotaText(provider string) string {
	m := s.meters[provider]
	if m == nil || !m.refuses {
		return "no quota"
	}
	return fmt.Sprintf("%d calls per %s per key", m.limit, formatWindow(m.window))
}
