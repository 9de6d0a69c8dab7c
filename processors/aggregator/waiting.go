package aggregator

import (
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
)

// Waiting is a request the aggregator holds because an expected provider
// has not answered yet (a result, its fallback or its dead letter).
type Waiting struct {
	// Missing are the expected providers that have not answered.
	Missing []string `json:"missing"`
	// Since is when the request's first result arrived.
	Since time.Time `json:"since"`
}

// ProviderWait is what the aggregator waits for from one provider.
type ProviderWait struct {
	Provider string
	// Requests are the requests held until the provider answers.
	Requests int
	// OldestSince is when the longest-waiting of them got its first
	// result; zero when none waits.
	OldestSince time.Time
}

// CountWaiting sums waits by the provider missing: a request waiting for
// two providers counts under each.
func CountWaiting(waits iter.Seq[Waiting]) map[string]ProviderWait {
	out := map[string]ProviderWait{}
	for w := range waits {
		for _, p := range w.Missing {
			pw := out[p]
			pw.Provider = p
			pw.Requests++
			if pw.OldestSince.IsZero() || w.Since.Before(pw.OldestSince) {
				pw.OldestSince = w.Since
			}
			out[p] = pw
		}
	}
	return out
}

// waitingOf says what e still waits for; false when every expected
// provider has answered.
func waitingOf(e *entry) (Waiting, bool) {
	var missing []string
	for _, p := range e.Expected {
		if _, ok := e.Results[p]; !ok {
			missing = append(missing, p)
		}
	}
	return Waiting{Missing: missing, Since: e.since()}, len(missing) > 0
}

// changelogEntry is the part of a state record that says what the request
// waits for; results stay undecoded.
type changelogEntry struct {
	Expected []string                   `json:"expected"`
	Results  map[string]json.RawMessage `json:"results"`
	Since    time.Time                  `json:"since"`
	Touched  time.Time                  `json:"touched"`
}

// WaitingOf reads a record of the aggregator's state changelog: what its
// request still waits for, and false when it waits for nothing (every
// expected provider has answered, or the value is a tombstone).
func WaitingOf(value []byte) (Waiting, bool, error) {
	if value == nil {
		return Waiting{}, false, nil
	}
	var c changelogEntry
	if err := json.Unmarshal(value, &c); err != nil {
		return Waiting{}, false, fmt.Errorf("aggregator state: %w", err)
	}
	w, ok := waitingOf(c.entry())
	return w, ok, nil
}

// entry is as much of the entry as says what it waits for.
func (c changelogEntry) entry() *entry {
	e := &entry{Expected: c.Expected, Since: c.Since, Touched: c.Touched, kept: newKept()}
	for p := range c.Results {
		e.Results[p] = nil
	}
	return e
}

// waitlist holds the requests of the owned partitions that wait for a
// provider. It is kept beside the state rather than computed from it, so
// a scrape walks only the waiting requests, not every request retained.
type waitlist struct {
	mu    sync.Mutex
	parts map[int32]map[string]Waiting // partition → request id → wait
}

// set records what the request id of e's partition waits for now.
func (l *waitlist) set(id string, e *entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.setLocked(id, e)
}

func (l *waitlist) setLocked(id string, e *entry) {
	if l.parts == nil {
		l.parts = map[int32]map[string]Waiting{}
	}
	w, ok := waitingOf(e)
	byID := l.parts[e.Partition]
	if !ok {
		delete(byID, id)
		return
	}
	if byID == nil {
		byID = map[string]Waiting{}
		l.parts[e.Partition] = byID
	}
	byID[id] = w
}

// remove forgets a request evicted from partition.
func (l *waitlist) remove(partition int32, id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.parts[partition], id)
}

// restore replaces a partition's waits with those of its restored state.
func (l *waitlist) restore(partition int32, waits map[string]Waiting) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.parts == nil {
		l.parts = map[int32]map[string]Waiting{}
	}
	l.parts[partition] = waits
}

// drop forgets the partitions another member now owns.
func (l *waitlist) drop(partitions ...int32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range partitions {
		delete(l.parts, p)
	}
}

// count sums the waits of every owned partition by provider.
func (l *waitlist) count() map[string]ProviderWait {
	l.mu.Lock()
	defer l.mu.Unlock()
	return CountWaiting(func(yield func(Waiting) bool) {
		for _, byID := range l.parts {
			for _, w := range byID {
				if !yield(w) {
					return
				}
			}
		}
	})
}

// Waiting reports, for every enabled provider and any other still
// awaited, the requests waiting for it and the age of the oldest, for
// leadgen_aggregator_waiting_requests and
// leadgen_aggregator_oldest_waiting_seconds.
func (a *Aggregator) Waiting() []metrics.Waiting {
	counts := a.waiting.count()
	for _, p := range a.cfg.Enabled {
		if _, ok := counts[p]; !ok {
			counts[p] = ProviderWait{Provider: p}
		}
	}
	now := a.cfg.Now()
	out := make([]metrics.Waiting, 0, len(counts))
	for _, p := range slices.Sorted(maps.Keys(counts)) {
		w := metrics.Waiting{Provider: p, Requests: counts[p].Requests}
		if w.Requests > 0 {
			w.Oldest = max(now.Sub(counts[p].OldestSince), 0)
		}
		out = append(out, w)
	}
	return out
}
