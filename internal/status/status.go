// Package status reports, per provider, the work waiting for it and how
// long its API quota needs to drain that work: the backlog (input lag plus
// records pending in its retry tiers and fallback), the quota, the mean API
// calls a lead costs and the estimated time to drain; and the requests the
// aggregator holds until the provider answers. It backs `leadgen status`.
//
// Everything is read from Kafka with kadm and bounded read_committed reads
// of discovery-results and the aggregator's state changelog; nothing is
// asked of the providers' APIs, Redis or a running process.
package status

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// DefaultSample is how many of the latest discovery-results records per
// partition Collect reads for calls per lead: enough for a stable mean of
// every provider, few enough to read in a moment.
const DefaultSample = 500

// Config says what to report on.
type Config struct {
	// Names are the topic names, with the cluster's prefix.
	Names topics.Names
	// Providers get one row each, in this order.
	Providers []string
	// Tiers are the retry delay tiers (default topics.DefaultTiers); they
	// must match the cluster's retry topics.
	Tiers []time.Duration
	// Quotas are the API quotas by provider name; a provider without one
	// has no ETA.
	Quotas map[string]ratelimit.Quota
	// Sample is how many of the latest discovery-results records per
	// partition are read for calls per lead (default DefaultSample).
	Sample int
	// Now is the clock the aggregator's waits are aged by (default
	// time.Now).
	Now func() time.Time
}

func (c *Config) setDefaults() {
	if c.Tiers == nil {
		c.Tiers = topics.DefaultTiers
	}
	if c.Sample == 0 {
		c.Sample = DefaultSample
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Validate reports a config Collect cannot run with.
func (c Config) Validate() error {
	switch {
	case len(c.Providers) == 0:
		return errors.New("status: no providers")
	case c.Sample < 0:
		return fmt.Errorf("status: sample %d: want at least 1", c.Sample)
	}
	return nil
}

// Row is one provider's status.
type Row struct {
	Provider string
	// InputLag is the records of company-requests the provider's input
	// group has not yet committed.
	InputLag int64
	// RetryPending is the records waiting in the provider's retry tiers.
	RetryPending int64
	// FallbackPending is the records waiting in its fallback topic.
	FallbackPending int64
	// Quota is the provider's API quota; zero Calls means none.
	Quota ratelimit.Quota
	// Sampled is how many recent results CallsPerLead is the mean of;
	// zero means calls per lead is unknown.
	Sampled int
	// CallsPerLead is the mean api_calls of the provider's recent results
	// answered by its own API (not the cache, not a secondary source).
	CallsPerLead float64
	// Waiting is the requests the aggregator holds until the provider
	// answers them.
	Waiting int
	// OldestWaiting is how long the oldest of them has waited since its
	// first result; zero when none waits.
	OldestWaiting time.Duration
}

// Backlog is every record still waiting for the provider.
func (r Row) Backlog() int64 { return r.InputLag + r.RetryPending + r.FallbackPending }

// HasQuota says whether the provider's API has a quota.
func (r Row) HasQuota() bool { return r.Quota.Calls > 0 && r.Quota.Period > 0 }

// CallsPerSecond is the quota's sustained rate; zero without a quota.
func (r Row) CallsPerSecond() float64 {
	if !r.HasQuota() {
		return 0
	}
	return float64(r.Quota.Calls) / r.Quota.Period.Seconds()
}

// ETA is how long the quota needs for the backlog's calls: backlog ×
// calls per lead ÷ calls per second. It is zero with no backlog and
// unknown (false) without a quota or a calls-per-lead sample. A very
// long ETA is capped at the longest time.Duration.
func (r Row) ETA() (time.Duration, bool) {
	switch {
	case r.Backlog() == 0:
		return 0, true
	case !r.HasQuota() || r.Sampled == 0:
		return 0, false
	}
	secs := float64(r.Backlog()) * r.CallsPerLead / r.CallsPerSecond()
	if secs >= math.MaxInt64/float64(time.Second) {
		return time.Duration(math.MaxInt64), true
	}
	return time.Duration(math.Ceil(secs * float64(time.Second))), true
}

// Collect reads the status of every configured provider with cl, whose
// options carry the connection; ctx bounds the whole read.
func Collect(ctx context.Context, cl *kgo.Client, cfg Config) ([]Row, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	backlogs, err := readBacklogs(ctx, cl, cfg)
	if err != nil {
		return nil, err
	}
	calls, err := sampleCalls(ctx, cl, cfg.Names.Results(), cfg.Sample)
	if err != nil {
		return nil, err
	}
	waits, err := readWaiting(ctx, cl, cfg.Names.AggregatorState())
	if err != nil {
		return nil, err
	}
	now := cfg.Now()
	rows := make([]Row, len(cfg.Providers))
	for i, p := range cfg.Providers {
		b, c, w := backlogs[p], calls[p], waits[p]
		rows[i] = Row{Provider: p, InputLag: b.input, RetryPending: b.retry, FallbackPending: b.fallback,
			Quota: cfg.Quotas[p], Sampled: c.results, CallsPerLead: c.mean(), Waiting: w.Requests}
		if w.Requests > 0 {
			rows[i].OldestWaiting = max(now.Sub(w.OldestSince), 0)
		}
	}
	return rows, nil
}
