package ratelimit

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// maxBlock bounds a block read from an API's headers: a reset further away
// than this is taken as a garbled header and ignored. Daily quotas
// (LinkedIn, OpenCorporates) come back through a Gate's deferral instead.
const maxBlock = 25 * time.Hour

// blockScript raises the shared block to ARGV[1] (Unix milliseconds) unless
// a later one is already set, and lets the key expire with it.
var blockScript = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = tonumber(ARGV[1])
if want > cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1])
end
return 0`)

// Block holds every call, in every process sharing the limiter's Redis,
// until t: the API said its quota is spent.
func (l *Limiter) Block(t time.Time) {
	if d := t.Sub(l.now()); d <= 0 || d > maxBlock {
		return
	}
	l.mu.Lock()
	later := t.After(l.blocked)
	if later {
		l.blocked = t
	}
	l.mu.Unlock()
	if !later || l.shared == nil || l.down.Load() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := blockScript.Run(ctx, l.rdb, []string{l.blockKey()}, t.UnixMilli()).Err(); err != nil {
		l.degraded(err)
	}
}

// BlockedUntil is when the API allows calls again; zero when it does now.
func (l *Limiter) BlockedUntil() time.Time {
	if d := l.blockedFor(context.Background()); d > 0 {
		return l.now().Add(d)
	}
	return time.Time{}
}

func (l *Limiter) blockKey() string { return l.key + ":blocked" }

// blockReadEvery spaces this process's reads of the shared block: another
// process's 429 holds calls here at most this much later, and a call
// costs one Redis round trip (the GCRA) instead of two.
const blockReadEvery = 200 * time.Millisecond

// blockedFor is how long calls must still wait for the API's reset, as
// this process or, through Redis, any other learned it.
func (l *Limiter) blockedFor(ctx context.Context) time.Duration {
	if l.shared != nil && !l.down.Load() && l.blockReadDue() {
		l.readSharedBlock(ctx)
	}
	l.mu.Lock()
	until := l.blocked
	l.mu.Unlock()
	return max(until.Sub(l.now()), 0)
}

// blockReadDue says whether the shared block should be read again now,
// and if so claims the read, so concurrent callers do not all read it.
func (l *Limiter) blockReadDue() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := l.now(); now.Sub(l.blockReadAt) >= blockReadEvery {
		l.blockReadAt = now
		return true
	}
	return false
}

// readSharedBlock takes in a later block another process set in Redis.
func (l *Limiter) readSharedBlock(ctx context.Context) {
	v, err := l.rdb.Get(ctx, l.blockKey()).Result()
	switch ms, perr := strconv.ParseInt(v, 10, 64); {
	case err == nil && perr == nil:
		l.mu.Lock()
		if shared := time.UnixMilli(ms); shared.After(l.blocked) {
			l.blocked = shared
		}
		l.mu.Unlock()
	case err != nil && !errors.Is(err, redis.Nil) && ctx.Err() == nil:
		l.degraded(err)
	}
}

// Learn takes in what one API answer said about the quota: a stated limit
// lower than the configured one replaces it, and a spent quota blocks
// calls until the API's reset.
func (l *Limiter) Learn(r Reading) {
	if r.Limit > 0 && r.Window > 0 {
		l.adopt(Quota{Calls: r.Limit, Period: r.Window})
	}
	if r.HasRemaining {
		l.mu.Lock()
		l.stated = r
		l.mu.Unlock()
		l.gauges.remaining(r.Remaining)
		if r.Remaining <= 0 && !r.Reset.IsZero() {
			l.Block(r.Reset)
		}
	}
}

// adopt puts the API's stated quota in force when it is lower than the one
// in force.
func (l *Limiter) adopt(q Quota) {
	l.mu.Lock()
	lower := l.quota.Calls <= 0 || q.PerSecond() < l.quota.PerSecond()
	if lower {
		l.quota = q
	}
	configured := l.configured
	l.mu.Unlock()
	if !lower {
		return
	}
	l.local.SetLimit(q.local())
	l.gauges.quota(q)
	l.log.Warn("pacing to the quota the api states, lower than the configured one", "provider", l.provider,
		"configured", configured.String(), "api", q.String())
}
