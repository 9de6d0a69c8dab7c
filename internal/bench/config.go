// Package bench measures leadgen's pipeline end to end against the sandbox
// APIs on an in-process broker (DESIGN §13): throughput, request-to-lead
// latency percentiles, CPU per request and memory, next to a
// one-record-at-a-time consumer as the baseline; the retry tiers' timing;
// and how much of a provider's quota a backlog uses, never above it.
package bench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/topics"
)

// The DESIGN §13 targets, checked for every scenario with sandbox latency.
const (
	// TargetSpeedup is the least pipeline/baseline throughput ratio.
	TargetSpeedup = 50.0
	// TargetP99 bounds request-to-lead p99 at the paced rate.
	TargetP99 = 1500 * time.Millisecond
)

// Config configures a benchmark run.
type Config struct {
	// Latencies are the sandbox latencies to run, one fresh broker and
	// sandbox each (default 0s and 200ms).
	Latencies []time.Duration
	// Requests are measured per pipeline scenario (default 5000).
	Requests int
	// Rate paces the producer in requests/s in scenarios with latency;
	// zero-latency scenarios, or any with Rate 0, send as fast as they can
	// (default 500).
	Rate float64
	// Warmup requests run through the pipeline before measuring, so group
	// joins and connection set-up are not counted (default 50).
	Warmup int
	// BaselineRequests are measured by the baseline at zero latency
	// (default 2000).
	BaselineRequests int
	// BaselineSlowRequests are measured by the baseline with latency; it
	// does about 1.5 per second at 200ms (default 200).
	BaselineSlowRequests int
	// MaxInFlight bounds concurrent lookups of the provider worker
	// (default 256, DESIGN §8).
	MaxInFlight int
	// Partitions of every topic (default 6).
	Partitions int32
	// MaxPartitionBytes caps each in-memory partition (default 32 MiB).
	MaxPartitionBytes int64
	// CleanupInterval is how often the broker applies retention and
	// compaction (default 1s).
	CleanupInterval time.Duration
	// Timeout bounds each phase of a scenario (default 5m).
	Timeout time.Duration
	// Scenarios pick what runs, in this order: ScenarioPipeline (the
	// pipeline and the baseline at every latency), ScenarioRetry and
	// ScenarioQuota (default all three).
	Scenarios []string
	// RetryRecords wait in the retry tiers in the retry scenario (default
	// 10000).
	RetryRecords int
	// RetryTiers are the retry scenario's delay tiers (default
	// topics.DefaultTiers); its records go into the first two.
	RetryTiers []time.Duration
	// RetryDueIn is how long after production starts the first retry
	// record falls due (default 20s); the CPU sample must fit before it.
	RetryDueIn time.Duration
	// RetryDueSpread spreads the due times uniformly over this span after
	// the first (default 20s).
	RetryDueSpread time.Duration
	// RetryIdle is how long process CPU is sampled while every record
	// waits (default 5s).
	RetryIdle time.Duration
	// QuotaRequests are the quota scenario's backlog, produced before the
	// pipeline starts (default 2000: about 7000 calls, 71 s at the
	// default quota).
	QuotaRequests int
	// QuotaCalls per QuotaWindow is the Companies House quota of the
	// quota scenario: the sandbox enforces it as a fixed window per key
	// and leadgen is told it (default DefaultQuota, see there).
	QuotaCalls  int
	QuotaWindow time.Duration
	// QuotaLatency is the sandbox's latency per call in the quota
	// scenario (default 200ms).
	QuotaLatency time.Duration
	// StateRequests are joined by the aggregator alone in the state
	// scenario, StateProviders results each, with its store on disk
	// (default 1,000,000); StateBaselineRequests with its store in memory
	// (default 200,000).
	StateRequests         int
	StateBaselineRequests int
	// StateSampleEvery is how many requests apart the RSS is sampled
	// (default 100,000).
	StateSampleEvery int
	// StateCacheBytes is the aggregator's hot-state cache on disk
	// (default aggregator.DefaultStateCacheBytes).
	StateCacheBytes int64
	// StateTimeout bounds each phase of the state scenario (default 30m).
	StateTimeout time.Duration
	// Out receives the result table (default stdout).
	Out io.Writer
	// Progress receives one line per phase (default stderr).
	Progress io.Writer
}

// Defaults fills the zero fields with their defaults.
func (c *Config) Defaults() {
	if c.Latencies == nil {
		c.Latencies = []time.Duration{0, 200 * time.Millisecond}
	}
	setInt(&c.Requests, 5000)
	setInt(&c.Warmup, 50)
	setInt(&c.BaselineRequests, 2000)
	setInt(&c.BaselineSlowRequests, 200)
	setInt(&c.MaxInFlight, 256)
	if c.Partitions == 0 {
		c.Partitions = 6
	}
	if c.MaxPartitionBytes == 0 {
		c.MaxPartitionBytes = 32 << 20
	}
	if c.CleanupInterval == 0 {
		c.CleanupInterval = time.Second
	}
	if c.Timeout == 0 {
		c.Timeout = 5 * time.Minute
	}
	c.retryDefaults()
	c.quotaDefaults()
	c.stateDefaults()
	if c.Out == nil {
		c.Out = os.Stdout
	}
	if c.Progress == nil {
		c.Progress = os.Stderr
	}
}

// The scenarios Config.Scenarios may name.
const (
	ScenarioPipeline = "pipeline"
	ScenarioRetry    = "retry"
	ScenarioQuota    = "quota"
	ScenarioState    = "state"
)

// scenarios are the scenario names in run order.
var scenarios = []string{ScenarioPipeline, ScenarioRetry, ScenarioQuota, ScenarioState}

func (c *Config) retryDefaults() {
	if c.Scenarios == nil {
		c.Scenarios = slices.Clone(scenarios)
	}
	setInt(&c.RetryRecords, 10000)
	if c.RetryTiers == nil {
		c.RetryTiers = topics.DefaultTiers
	}
	setDur(&c.RetryDueIn, 20*time.Second)
	setDur(&c.RetryDueSpread, 20*time.Second)
	setDur(&c.RetryIdle, 5*time.Second)
}

func (c *Config) stateDefaults() {
	setInt(&c.StateRequests, 1_000_000)
	setInt(&c.StateBaselineRequests, 200_000)
	setInt(&c.StateSampleEvery, 100_000)
	if c.StateCacheBytes == 0 {
		c.StateCacheBytes = aggregator.DefaultStateCacheBytes
	}
	setDur(&c.StateTimeout, 30*time.Minute)
}

func setDur(p *time.Duration, def time.Duration) {
	if *p == 0 {
		*p = def
	}
}

// runs says whether scenario s is selected.
func (c *Config) runs(s string) bool { return slices.Contains(c.Scenarios, s) }

func setInt(p *int, def int) {
	if *p == 0 {
		*p = def
	}
}

// Validate reports every setting out of range.
func (c *Config) Validate() error {
	var errs []error
	if len(c.Latencies) == 0 {
		errs = append(errs, errors.New("bench: at least one latency is required"))
	}
	for _, l := range c.Latencies {
		if l < 0 {
			errs = append(errs, fmt.Errorf("bench: latency %s must not be negative", l))
		}
	}
	positive := map[string]int{"requests": c.Requests, "baseline requests": c.BaselineRequests,
		"baseline slow requests": c.BaselineSlowRequests, "max in-flight": c.MaxInFlight, "partitions": int(c.Partitions)}
	for name, v := range positive {
		if v < 1 {
			errs = append(errs, fmt.Errorf("bench: %s %d must be positive", name, v))
		}
	}
	if c.Warmup < 0 || c.Rate < 0 || c.MaxPartitionBytes < 1<<20 || c.CleanupInterval <= 0 || c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("bench: warmup %d, rate %g, max partition bytes %d (≥1 MiB), cleanup interval %s, timeout %s out of range",
			c.Warmup, c.Rate, c.MaxPartitionBytes, c.CleanupInterval, c.Timeout))
	}
	return errors.Join(append(errs, c.validateScenarios(), c.validateRetry(), c.validateQuota())...)
}

// validateScenarios checks the scenario names.
func (c *Config) validateScenarios() error {
	var errs []error
	for _, s := range c.Scenarios {
		if !slices.Contains(scenarios, s) {
			errs = append(errs, fmt.Errorf("bench: scenario %q: want one of %s", s, strings.Join(scenarios, ", ")))
		}
	}
	if c.Scenarios != nil && len(c.Scenarios) == 0 {
		errs = append(errs, errors.New("bench: at least one scenario is required"))
	}
	return errors.Join(errs...)
}

// validateRetry checks the retry scenario's settings; unset ones take
// their defaults later.
func (c *Config) validateRetry() error {
	var errs []error
	if c.RetryTiers != nil && len(c.RetryTiers) == 0 {
		errs = append(errs, errors.New("bench: at least one retry tier is required"))
	}
	for i, d := range c.RetryTiers {
		if d < 100*time.Millisecond || d%time.Millisecond != 0 || (i > 0 && d <= c.RetryTiers[i-1]) {
			errs = append(errs, fmt.Errorf("bench: retry tiers %v: whole milliseconds, at least 100ms, strictly increasing", c.RetryTiers))
			break
		}
	}
	if c.RetryRecords < 1 || c.RetryDueIn <= 0 || c.RetryDueSpread < 0 || c.RetryIdle <= 0 {
		errs = append(errs, fmt.Errorf("bench: retry records %d, due-in %s and idle %s must be positive, due-spread %s not negative",
			c.RetryRecords, c.RetryDueIn, c.RetryIdle, c.RetryDueSpread))
	} else if c.RetryIdle+retrySettle >= c.RetryDueIn {
		errs = append(errs, fmt.Errorf("bench: retry idle sample %s plus %s to settle must end before the first due time (%s)",
			c.RetryIdle, retrySettle, c.RetryDueIn))
	}
	return errors.Join(errs...)
}

// rateFor is the producer's pace in a scenario: 0 means unpaced.
func (c *Config) rateFor(latency time.Duration) float64 {
	if latency == 0 {
		return 0
	}
	return c.Rate
}

// baselineFor is the baseline's request count in a scenario.
func (c *Config) baselineFor(latency time.Duration) int {
	if latency == 0 {
		return c.BaselineRequests
	}
	return c.BaselineSlowRequests
}
