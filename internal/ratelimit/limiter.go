// Package ratelimit keeps every process's calls to a provider within the
// provider's quota, and makes waiting for that quota backpressure rather
// than failure.
//
// The quota is shared through Redis with GCRA (go-redis/redis_rate), keyed
// by provider and a hash of the credential; without Redis, or while it is
// unreachable, each process falls back to an in-process limiter. What the
// API says about its quota (its limit, the calls left, a 429 and when to
// come back) is learned: a lower stated limit replaces the configured one,
// and a spent quota blocks every process until the API's reset.
//
// A Gate wraps a provider's lookups: a lookup starts only when its first
// call may be made (admission, in arrival order), its later calls go ahead
// of lookups not yet started, and a 429 defers the lookup until the API
// says, on a budget of its own. None of this waiting is an error, and the
// lookup's timeout bounds the calls, never the wait.
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
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/tick"
	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

// Quota is a provider's allowance: Calls per Period.
type Quota struct {
	Calls  int
	Period time.Duration
}

// PerSecond is the quota's rate.
func (q Quota) PerSecond() float64 {
	if q.Period <= 0 {
		return 0
	}
	return float64(q.Calls) / q.Period.Seconds()
}

// String writes the quota as the --quota flag reads it (600/5m), or
// "none" when there is no quota to pace.
func (q Quota) String() string {
	if q.Calls <= 0 {
		return "none"
	}
	return fmt.Sprintf("%d/%s", q.Calls, shortDuration(q.Period))
}

func shortDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	default:
		return d.String()
	}
}

// burst lets a caller that woke a little late catch up, so the quota is
// not lost to scheduling delays.
const burst = 2

// maxSlack is added to the quota's period when pacing: a call leaves
// leadgen within the quota but the API counts its arrival, a little later
// and not always by the same amount. Pacing over Period+slack keeps
// arrivals in any window of Period within Calls; for Companies House's 5
// minutes it costs 0.08% of the quota. Short periods (scaled-down tests)
// get a hundredth of the period, so the slack never costs more than 1%.
const maxSlack = 250 * time.Millisecond

func (q Quota) paced() time.Duration { return q.Period + min(maxSlack, q.Period/100) }

// gcra turns the quota into a GCRA limit that never lets more than Calls
// through in any window of the paced period: GCRA admits at most Rate +
// Burst calls in one period, so Rate is Calls - Burst.
func (q Quota) gcra() redis_rate.Limit {
	return redis_rate.Limit{Rate: max(q.Calls-burst, 1), Burst: burst, Period: q.paced()}
}

func (q Quota) local() rate.Limit {
	return rate.Limit(float64(max(q.Calls-burst, 1)) / q.paced().Seconds())
}

// probeEvery is how often a limiter running without Redis tries it again.
const probeEvery = time.Second

// Limiter paces the calls of one provider and credential.
type Limiter struct {
	provider string
	key      string
	shared   *redis_rate.Limiter // nil without Redis
	rdb      *redis.Client
	local    *rate.Limiter
	log      *slog.Logger
	down     atomic.Bool
	// admit lets lookups start one at a time, in arrival order.
	admit *semaphore.Weighted
	gauges
	now func() time.Time

	mu         sync.Mutex
	configured Quota
	quota      Quota     // in force: configured, or lower as the API stated
	blocked    time.Time // the API said: no calls until then
	// blockReadAt is when the shared block was last read from Redis.
	blockReadAt time.Time
	observer    func(wait time.Duration)
	// stated is what the API's last answer said of its quota.
	stated  Reading
	backlog backlog
	streak  streak
}

// New returns a limiter for provider's credential within quota; rdb may
// be nil for an in-process limiter only, m nil for no metrics.
func New(rdb *redis.Client, provider, credential string, q Quota, log *slog.Logger, m *metrics.Metrics) *Limiter {
	sum := sha256.Sum256([]byte(credential))
	l := &Limiter{
		provider:   provider,
		key:        fmt.Sprintf("leadgen:ratelimit:%s:%s", provider, hex.EncodeToString(sum[:8])),
		configured: q,
		quota:      q,
		local:      rate.NewLimiter(q.local(), burst),
		log:        log,
		admit:      semaphore.NewWeighted(1),
		gauges:     newGauges(m, provider),
		now:        time.Now,
	}
	if rdb != nil {
		l.shared, l.rdb = redis_rate.NewLimiter(rdb), rdb
	}
	l.gauges.quota(q)
	return l
}

// Provider is the name of the API the limiter paces.
func (l *Limiter) Provider() string { return l.provider }

// OnWait is called with every wait the limiter imposes (for metrics).
func (l *Limiter) OnWait(fn func(time.Duration)) { l.observer = fn }

// Quota is the quota in force: the configured one, or the API's own when
// it stated a lower one.
func (l *Limiter) Quota() Quota {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.quota
}

// Wait blocks until one call may be made, or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error { return l.take(ctx, time.Time{}) }

// take waits for one call's turn. With limit set, it gives up at once with
// a rate_limited error when the turn would come after limit, so a caller
// bound by a deadline is told to come back rather than timed out.
func (l *Limiter) take(ctx context.Context, limit time.Time) error {
	start := l.now()
	defer func() {
		if l.observer != nil {
			l.observer(l.now().Sub(start))
		}
	}()
	for {
		wait, err := l.turn(ctx)
		if err != nil || wait <= 0 {
			return err
		}
		if !limit.IsZero() && l.now().Add(wait).After(limit) {
			return throttled(l.provider, wait)
		}
		l.gauges.waited(wait)
		if err := tick.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// turn asks for one call: zero means go (the call is counted), else how
// long to wait before asking again.
func (l *Limiter) turn(ctx context.Context) (time.Duration, error) {
	if d := l.blockedFor(ctx); d > 0 {
		return d, nil
	}
	if l.Quota().Calls <= 0 {
		return 0, nil // no quota to pace: only the API's blocks hold calls
	}
	if l.shared != nil && !l.down.Load() {
		res, err := l.shared.Allow(ctx, l.key, l.Quota().gcra())
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
	r := l.local.ReserveN(l.now(), 1)
	if d := r.DelayFrom(l.now()); d > 0 {
		r.Cancel()
		return d, nil
	}
	return 0, nil
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
