package bench

import (
	"errors"
	"fmt"
	"time"
)

// RetryResult is what the retry-tier scenario measured.
type RetryResult struct {
	// Name labels the table row.
	Name string
	// Records were produced into the tiers; Partitions counts the tier
	// partitions they landed in.
	Records    int
	Partitions int
	// Waiting is how many records had not fired when the CPU sample
	// began; Held how many of them the worker held in memory (the rest
	// stayed in the log behind paused partitions).
	Waiting int
	Held    int
	// IdleCPU is process CPU (user+sys) over IdleWall, sampled while every
	// record waited; it includes the in-process broker and the bench's
	// result reader.
	IdleCPU  time.Duration
	IdleWall time.Duration
	// Late summarises result FetchedAt − leadgen.due.at as written.
	Late Latencies
	// Early counts records that fired before leadgen.due.at as written:
	// lookup started, or result FetchedAt, before it.
	Early int
	// EarlyUnrounded counts lookups that started before the due time the
	// bench asked for, before the header's rounding.
	EarlyUnrounded int
	// Fired counts records with at least one result; Duplicates counts
	// lookups and results beyond one per record.
	Fired      int
	Duplicates int
	// Err is why the scenario did not complete.
	Err error
}

// IdleCPUPercent is the CPU used while waiting, in % of one core.
func (r RetryResult) IdleCPUPercent() float64 {
	return 100 * Ratio(r.IdleCPU.Seconds(), r.IdleWall.Seconds())
}

// Violations reports the retry invariants the run broke: a retry fired
// early, or a record did not fire exactly once.
func (r RetryResult) Violations() error {
	var errs []error
	if r.Early > 0 {
		errs = append(errs, fmt.Errorf("%d retries fired before their due time", r.Early))
	}
	if r.Duplicates > 0 {
		errs = append(errs, fmt.Errorf("%d duplicate lookups or results", r.Duplicates))
	}
	if r.Err == nil && r.Fired != r.Records {
		errs = append(errs, fmt.Errorf("%d of %d retries fired", r.Fired, r.Records))
	}
	return errors.Join(errs...)
}

// dueTimes spreads n due times uniformly from first to first+spread, in
// increasing order.
func dueTimes(n int, first time.Time, spread time.Duration) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		var off time.Duration
		if n > 1 {
			off = time.Duration(int64(spread) * int64(i) / int64(n-1))
		}
		out[i] = first.Add(off)
	}
	return out
}

// firing is one retry record: when it was due and when it fired.
type firing struct {
	due      time.Time // leadgen.due.at as written, what the worker sees
	intended time.Time // the due time the bench asked for, unrounded
	called   time.Time // the first lookup started
	fetched  time.Time // the first result's FetchedAt (milliseconds)
}

// lateness is the summary of a set of firings.
type lateness struct {
	Late           Latencies
	Early          int
	EarlyUnrounded int
}

// summarizeFirings measures fetched − due for every firing with a result
// and counts those that fired early. Zero times mean "did not happen".
func summarizeFirings(fs []firing) lateness {
	var out lateness
	samples := make([]time.Duration, 0, len(fs))
	for _, f := range fs {
		if !f.fetched.IsZero() {
			samples = append(samples, f.fetched.Sub(f.due))
		}
		if before(f.called, f.due) || before(f.fetched, f.due) {
			out.Early++
		}
		if before(f.called, f.intended) {
			out.EarlyUnrounded++
		}
	}
	out.Late = Summarize(samples)
	return out
}

// before says whether t happened, and before ref.
func before(t, ref time.Time) bool { return !t.IsZero() && t.Before(ref) }

// duplicates counts the calls and results beyond one per id.
func duplicates(calls, results map[string]int) int {
	n := 0
	for _, m := range []map[string]int{calls, results} {
		for _, c := range m {
			n += max(c-1, 0)
		}
	}
	return n
}
