package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter is the Companies House quota: a fixed window per API key that
// starts with the key's first call.
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

// quota is one call's view of its key's window.
type quota struct {
	limit, remaining int
	reset            time.Time
	allowed          bool
}

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
	q := quota{limit: l.limit, reset: b.start.Add(l.window)}
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

// setHeaders writes the X-Ratelimit-* headers Companies House sends.
func (q quota) setHeaders(h http.Header, window time.Duration) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(q.limit))
	h.Set("X-Ratelimit-Remain", strconv.Itoa(q.remaining))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(ceilUnix(q.reset), 10))
	h.Set("X-Ratelimit-Window", formatWindow(window))
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
