// Package ratelimit keeps every process's calls to a provider within the
// provider's quota. The quota is shared through Redis with GCRA
// (go-redis/redis_rate), keyed by provider and a hash of the credential;
// without Redis, or while it is unreachable, each process falls back to an
// in-process limiter. Decisions use only allowed/denied and retry-after
// (redis_rate's Remaining can be off by one). A provider's own reading of
// its quota (remaining 0 until reset) also holds calls back.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"
)

// Quota is a provider's allowance: Calls per Period.
type Quota struct {
	Calls  int
	Period time.Duration
}

// burst lets a caller that woke a little late catch up, so the quota is
// not lost to scheduling delays.
const burst = 2

// gcra turns the quota into a GCRA limit that never lets more than Calls
// through in any window of Period: GCRA admits at most Rate + Burst calls
// in one period, so Rate is Calls - Burst.
func (q Quota) gcra() redis_rate.Limit {
	return redis_rate.Limit{Rate: max(q.Calls-burst, 1), Burst: burst, Period: q.Period}
}

// probeEvery is how often a limiter running without Redis tries it again.
const probeEvery = time.Second

// Limiter paces the calls of one provider and credential.
type Limiter struct {
	provider string
	key      string
	quota    Quota
	shared   *redis_rate.Limiter // nil without Redis
	local    *rate.Limiter
	log      *slog.Logger
	down     atomic.Bool
	rdb      *redis.Client

	mu       sync.Mutex
	blocked  time.Time // the provider said: no calls until then
	observer func(wait time.Duration)
}

// New returns a limiter for provider's credential within quota; rdb may
// be nil for an in-process limiter only.
func New(rdb *redis.Client, provider, credential string, q Quota, log *slog.Logger) *Limiter {
	sum := sha256.Sum256([]byte(credential))
	l := &Limiter{
		provider: provider,
		key:      fmt.Sprintf("leadgen:ratelimit:%s:%s", provider, hex.EncodeToString(sum[:8])),
		quota:    q,
		local:    rate.NewLimiter(rate.Limit(float64(max(q.Calls-burst, 1))/q.Period.Seconds()), burst),
		log:      log,
	}
	if rdb != nil {
		l.shared, l.rdb = redis_rate.NewLimiter(rdb), rdb
	}
	return l
}

// OnWait is called with every wait the limiter imposes (for metrics).
func (l *Limiter) OnWait(fn func(time.Duration)) { l.observer = fn }

// Wait blocks until one call may be made, or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error {
	start := time.Now()
	defer func() {
		if l.observer != nil {
			l.observer(time.Since(start))
		}
	}()
	if err := l.waitBlocked(ctx); err != nil {
		return err
	}
	for {
		wait, err := l.reserve(ctx)
		if err != nil || wait <= 0 {
			return err
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// reserve asks for one call: zero means go, else how long to wait first.
func (l *Limiter) reserve(ctx context.Context) (time.Duration, error) {
	if l.shared != nil && !l.down.Load() {
		res, err := l.shared.Allow(ctx, l.key, l.quota.gcra())
		if err == nil {
			l.recovered()
			if res.Allowed > 0 {
				return 0, nil
			}
			return res.RetryAfter, nil
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		l.degraded(err)
	}
	return 0, l.local.Wait(ctx)
}

// degraded switches to the in-process limiter and probes Redis in the
// background, so callers never wait on a dead connection.
func (l *Limiter) degraded(err error) {
	if l.down.CompareAndSwap(false, true) {
		l.log.Warn("redis unreachable: rate limiting in-process only until it returns", "provider", l.provider, "err", err)
		go l.probe()
	}
}

func (l *Limiter) probe() {
	for l.down.Load() {
		time.Sleep(probeEvery)
		ctx, cancel := context.WithTimeout(context.Background(), probeEvery)
		err := l.rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			l.recovered()
		}
	}
}

func (l *Limiter) recovered() {
	if l.down.CompareAndSwap(true, false) {
		l.log.Info("redis reachable again: rate limits shared across processes", "provider", l.provider)
	}
}

// Degraded says whether the limiter is running without Redis right now.
func (l *Limiter) Degraded() bool { return l.down.Load() }

// Block holds every call until t: the provider reported its quota spent.
func (l *Limiter) Block(until time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.blocked) {
		l.blocked = until
	}
}

func (l *Limiter) waitBlocked(ctx context.Context) error {
	l.mu.Lock()
	until := l.blocked
	l.mu.Unlock()
	if d := time.Until(until); d > 0 {
		return sleep(ctx, d)
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
