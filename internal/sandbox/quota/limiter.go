// Package quota enforces the simulated APIs' call allowances as the real
// APIs do: a fixed window per credential that starts with its first
// call, the API's own usage headers on every answer and its own refusal
// beyond the limit.
package quota

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter is one API's quota counter: a fixed window per credential that
// starts with the credential's first call, as the real quotas run. Only
// allowed calls consume the window; a refused call leaves it as it was,
// as Companies House counts.
type limiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu   sync.Mutex
	keys map[string]*bucket
}

type bucket struct {
	start time.Time
	used  int
}

// Status is one call's view of its credential's window: the limit, what
// is left of it, and when the window ends (Reset). An injected
// rate-limited answer describes a spent window ending when the client
// may call again; its Limit and Window are zero when the API has no
// quota.
type Status struct {
	Limit, Remaining int
	Window           time.Duration
	Now, Reset       time.Time
	// Allowed says the call was within the quota.
	Allowed bool
}

// Used is the share of the window's limit spent, as a whole percentage
// within 0..100.
func (q Status) Used() int {
	if q.Limit <= 0 {
		return 100
	}
	return min(100, 100*(q.Limit-q.Remaining)/q.Limit)
}

// RetryAfter is how long until the window ends.
func (q Status) RetryAfter() time.Duration { return q.Reset.Sub(q.Now) }

// sweepAbove is the number of keys above which expired windows are
// dropped, so clients inventing keys cannot grow the map forever.
const sweepAbove = 1024

func newLimiter(limit int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{limit: limit, window: window, now: now, keys: map[string]*bucket{}}
}

// take spends one call of key's window if any is left.
func (l *limiter) take(key string) Status {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.keys[key]
	if b == nil || now.Sub(b.start) >= l.window {
		if len(l.keys) > sweepAbove {
			l.sweep(now)
		}
		b = &bucket{start: now}
		l.keys[key] = b
	}
	q := Status{Limit: l.limit, Window: l.window, Now: now, Reset: b.start.Add(l.window)}
	if b.used < l.limit {
		b.used++
		q.Allowed = true
	}
	q.Remaining = l.limit - b.used
	return q
}

func (l *limiter) sweep(now time.Time) {
	for k, b := range l.keys {
		if now.Sub(b.start) >= l.window {
			delete(l.keys, k)
		}
	}
}

// ceilUnix rounds up, so a client waiting until the reset second never
// arrives before the window has really ended.
func ceilUnix(t time.Time) int64 {
	s := t.Unix()
	if t.After(time.Unix(s, 0)) {
		s++
	}
	return s
}

// EpochHeader writes t as the epoch seconds of a reset header.
func EpochHeader(t time.Time) string { return strconv.FormatInt(ceilUnix(t), 10) }

// FormatWindow writes a window as Companies House does ("5m").
func FormatWindow(d time.Duration) string {
	switch {
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	default:
		return d.String()
	}
}

// SetRetryAfter writes the wait of an injected spent quota as
// Retry-After's whole seconds, rounded up so a client never returns
// early.
func SetRetryAfter(h http.Header, q Status) {
	d := q.RetryAfter()
	h.Set("Retry-After", strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10))
}
