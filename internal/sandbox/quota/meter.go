package quota

import (
	"errors"
	"fmt"
	"net/http"
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

// Validate reports a limit below 1 and a window that is not positive,
// naming provider.
func (q Quota) Validate(provider string) error {
	var errs []error
	if q.Limit < 1 {
		errs = append(errs, fmt.Errorf("sandbox %s quota limit must be at least 1, got %d", provider, q.Limit))
	}
	if q.Window <= 0 {
		errs = append(errs, fmt.Errorf("sandbox %s quota window must be positive, got %s", provider, q.Window))
	}
	return errors.Join(errs...)
}

// Answers are how an API tells a client about its quota.
type Answers struct {
	// Usage writes the headers the API sends on every answer under a
	// quota; nil when it sends none.
	Usage func(http.Header, Status)
	// OverQuota answers a call beyond its credential's quota; nil for an
	// API that reports usage but never refuses.
	OverQuota func(http.ResponseWriter, Status)
}

// Meter is one API's quota in force. A meter without an OverQuota answer
// does not refuse: it only feeds the API's usage headers (Graph's
// X-App-Usage without a configured quota). A nil *Meter is an API
// without a quota: it admits every call.
type Meter struct {
	limiter *limiter
	answers Answers
	refused atomic.Int64
}

// NewMeter counts q per credential on the clock now and answers as a
// says.
func NewMeter(q Quota, now func() time.Time, a Answers) *Meter {
	return &Meter{limiter: newLimiter(q.Limit, q.Window, now), answers: a}
}

// refuses reports whether the meter enforces its quota.
func (m *Meter) refuses() bool { return m != nil && m.answers.OverQuota != nil }

// Admit spends one call of key's window and writes the API's usage
// headers. It reports whether the route may answer; when not, it has
// written the API's over-quota answer.
func (m *Meter) Admit(w http.ResponseWriter, key string) bool {
	if m == nil {
		return true
	}
	q := m.limiter.take(key)
	if m.answers.Usage != nil {
		m.answers.Usage(w.Header(), q)
	}
	if q.Allowed || !m.refuses() {
		return true
	}
	m.refused.Add(1)
	m.answers.OverQuota(w, q)
	return false
}

// Refusals is how many calls the meter refused because their
// credential's quota was spent.
func (m *Meter) Refusals() int {
	if !m.refuses() {
		return 0
	}
	return int(m.refused.Load())
}

// Spent is the window an injected rate-limited answer reports at now:
// nothing left until retryAfter from now, of the API's quota when it
// enforces one.
func (m *Meter) Spent(now time.Time, retryAfter time.Duration) Status {
	q := Status{Now: now, Reset: now.Add(retryAfter)}
	if m.refuses() {
		q.Limit, q.Window = m.limiter.limit, m.limiter.window
	}
	return q
}

// String describes the quota for the sandbox's front page.
func (m *Meter) String() string {
	if !m.refuses() {
		return "no quota"
	}
	return fmt.Sprintf("%d calls per %s per key", m.limiter.limit, FormatWindow(m.limiter.window))
}
