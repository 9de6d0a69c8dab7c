package sandbox

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

// quota is one call's view of its credential's window: the limit, what
// is left of it, and when the window ends (reset). An injected
// rate-limited answer describes a spent window ending when the client
// may call again; its limit and window are zero when the API has no
// quota.
type quota struct {
	limit, remaining int
	window           time.Duration
	now, reset       time.Time
	allowed          bool
}

// used is the share of the window's limit spent, as a whole percentage
// within 0..100.
func (q quota) used() int {
	if q.limit <= 0 {
		return 100
	}
	return min(100, 100*(q.limit-q.remaining)/q.limit)
}

// retryAfter is how long until the window ends.
func (q quota) retryAfter() time.Duration { return q.reset.Sub(q.now) }

// sweepAbove is the number of keys above which expired windows are
// dropped, so clients inventing keys cannot grow the map forever.
const sweepAbove = 1024

func newLimiter(limit int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{limit: limit, window: window, now: now, keys: map[string]*bucket{}}
}

// take spends one call of key's window if any is left.
func (l *limiter) take(key string) quota {
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
	q := quota{limit: l.limit, window: l.window, now: now, reset: b.start.Add(l.window)}
	if b.used < l.limit {
		b.used++
		q.allowed = true
	}
	q.remaining = l.limit - b.used
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

// epochHeader writes t as the epoch seconds of a reset header.
func epochHeader(t time.Time) string { return strconv.FormatInt(ceilUnix(t), 10) }

// formatWindow writes a window as Companies House does ("5m").
func formatWindow(d time.Duration) string {
	switch {
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	default:
		return d.String()
	}
}

// setRetryAfter writes the wait of an injected spent quota as
// Retry-After's whole seconds.
func setRetryAfter(h http.Header, q quota) {
	h.Set("Retry-After", retryAfterSeconds(q.retryAfter()))
}
