package bench

import (
	"math"
	"slices"
	"time"
)

// Percentile is the p-th percentile (0..100) of samples by the
// nearest-rank method: the smallest sample with at least p% of the
// samples at or below it. It sorts a copy; no samples give 0.
func Percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	return percentileSorted(s, p)
}

func percentileSorted(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// Latencies are the summary of a set of latency samples.
type Latencies struct {
	N             int
	P50, P95, P99 time.Duration
	Max           time.Duration
}

// Summarize computes the percentiles of samples.
func Summarize(samples []time.Duration) Latencies {
	if len(samples) == 0 {
		return Latencies{}
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	return Latencies{N: len(s), P50: percentileSorted(s, 50), P95: percentileSorted(s, 95),
		P99: percentileSorted(s, 99), Max: s[len(s)-1]}
}

// PerSecond is n events over d, or 0 when d is not positive.
func PerSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// Ratio is a/b, or 0 when b is 0.
func Ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
