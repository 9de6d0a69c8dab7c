package ratelimit

import (
	"time"
)

// backlog is what a limiter knows of the lookups waiting for it; it is
// guarded by the limiter's mutex.
type backlog struct {
	waiting   int
	perLookup float64 // mean calls per lookup, a moving average
	lastLog   time.Time
}

// perLookupWeight is the weight of the newest lookup in the mean.
const perLookupWeight = 0.05

// logEvery spaces the lines that say lookups are waiting for the quota.
const logEvery = time.Minute

// longWait is the wait for the quota worth a log line.
const longWait = time.Second

func (l *Limiter) enter() {
	l.mu.Lock()
	l.backlog.waiting++
	l.mu.Unlock()
	l.publish()
}

// leave ends one lookup's wait that began at start; a long one is logged,
// once a minute at most whatever the number of lookups.
func (l *Limiter) leave(start time.Time) {
	waited := l.now().Sub(start)
	l.mu.Lock()
	l.backlog.waiting--
	waiting, q := l.backlog.waiting, l.quota
	l.mu.Unlock()
	l.publish()
	if waited >= longWait && l.logTurn() {
		l.log.Info("lookups wait for the api quota", "provider", l.provider, "waited", waited.Round(time.Millisecond).String(),
			"waiting", waiting, "quota", q.String(), "drain_estimate", l.Drain().Round(time.Second).String())
	}
}

// logTurn says whether a line about waiting may be logged now: one a
// minute at most, whatever the number of lookups waiting.
func (l *Limiter) logTurn() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.now().Sub(l.backlog.lastLog) < logEvery {
		return false
	}
	l.backlog.lastLog = l.now()
	return true
}

// Finished records how many calls a lookup made in all.
func (l *Limiter) Finished(calls int) {
	l.gauges.lookup(calls)
	l.mu.Lock()
	if l.backlog.perLookup == 0 {
		l.backlog.perLookup = float64(calls)
	} else {
		l.backlog.perLookup += perLookupWeight * (float64(calls) - l.backlog.perLookup)
	}
	l.mu.Unlock()
}

// CallsPerLookup is the mean number of calls of recent lookups (0 before
// the first).
func (l *Limiter) CallsPerLookup() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.backlog.perLookup
}

// Waiting is the number of lookups waiting for the quota now.
func (l *Limiter) Waiting() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.backlog.waiting
}

// Drain estimates how long the lookups waiting now take to get their calls
// at the quota in force (one call each before any lookup has finished).
func (l *Limiter) Drain() time.Duration {
	l.mu.Lock()
	waiting, per, q := l.backlog.waiting, max(l.backlog.perLookup, 1), l.quota
	l.mu.Unlock()
	if q.PerSecond() <= 0 {
		return 0
	}
	return time.Duration(float64(waiting) * per / q.PerSecond() * float64(time.Second))
}

func (l *Limiter) publish() { l.gauges.backlog(l.Waiting(), l.Drain()) }

// Use is how a limiter's quota is being used.
type Use struct {
	// Quota is the quota in force.
	Quota Quota
	// Remaining is the calls the API's last answer said were left, when
	// HasRemaining; Reset is when its window ends (zero when not said).
	// Once Reset has passed the count no longer holds and is not given.
	Remaining    int
	HasRemaining bool
	Reset        time.Time
	// Waiting and Drain are as the methods of the same names.
	Waiting int
	Drain   time.Duration
	// BlockedUntil is when the API lets calls through again after saying
	// its quota was spent; zero when it has not.
	BlockedUntil time.Time
}

// Use reports how the quota is being used now. It reads only what this
// process knows (a block another process set in Redis shows once a lookup
// here has read it), so a health probe never waits on Redis.
func (l *Limiter) Use() Use {
	now := l.now()
	l.mu.Lock()
	u := Use{Quota: l.quota, Remaining: l.stated.Remaining, HasRemaining: l.stated.HasRemaining, Reset: l.stated.Reset}
	if l.blocked.After(now) {
		u.BlockedUntil = l.blocked
	}
	l.mu.Unlock()
	if !u.Reset.IsZero() && now.After(u.Reset) {
		u.Remaining, u.HasRemaining, u.Reset = 0, false, time.Time{}
	}
	u.Waiting, u.Drain = l.Waiting(), l.Drain()
	return u
}
