package ratelimit

import (
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// The waits after a 429 that does not say when to come back: they double
// with every 429 in a row, from minBackoff up to maxBackoff.
const (
	minBackoff = time.Second
	maxBackoff = 5 * time.Minute
	// dailyAfter is how long 429s in a row must last, backoffs between
	// them, before a daily quota is taken as spent: a short throttle
	// (LinkedIn answers 429 for those too) has ended well before.
	dailyAfter = 15 * time.Minute
)

// streak counts 429s in a row; guarded by the limiter's mutex.
type streak struct {
	start time.Time
	n     int
}

// PushedBack records that the API refused a call for its quota and says
// when to try again: after retryAfter when the API said, else after a
// backoff that doubles with every 429 in a row. With daily set (an API
// with a daily quota that does not say when it resets), 429s in a row for
// dailyAfter mean the day's quota is spent: try again at midnight UTC.
// Every call, in every process sharing Redis, waits until then.
func (l *Limiter) PushedBack(retryAfter time.Duration, daily bool) time.Time {
	now := l.now()
	l.mu.Lock()
	if l.streak.n == 0 {
		l.streak.start = now
	}
	l.streak.n++
	n, since := l.streak.n, now.Sub(l.streak.start)
	l.mu.Unlock()
	wait := retryAfter
	if wait <= 0 {
		wait = min(minBackoff<<min(n-1, 16), maxBackoff)
	}
	if daily && since >= dailyAfter {
		wait = provider.UntilMidnightUTC(now)
	}
	until := now.Add(wait)
	l.Block(until)
	l.gauges.deferred()
	return until
}

// answered records an answer that was not a 429: the streak is over.
func (l *Limiter) answered(limited bool) {
	l.gauges.call(limited)
	if limited {
		return
	}
	l.mu.Lock()
	l.streak = streak{}
	l.mu.Unlock()
}
