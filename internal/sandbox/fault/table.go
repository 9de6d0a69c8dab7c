package fault

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/leadgen/leadgen/internal/sandbox/calllog"
)

// Injector holds the faults in force for every API, by name, and
// injects them into the APIs' calls (Serve). It is safe for concurrent
// use; a call holds no lock while it waits out a latency or a fault.
type Injector struct {
	seed uint64
	seq  atomic.Uint64

	// mu guards faults and firstCalls, each API's per-path call counts
	// for FirstCallsRateLimited (nil while it is 0).
	mu         sync.RWMutex
	faults     map[string]Faults
	firstCalls map[string]*calllog.Counter
}

// NewInjector puts initial in force, one entry per API, and draws which
// calls fault from seed. The caller has validated initial.
func NewInjector(seed int64, initial map[string]Faults) *Injector {
	in := &Injector{seed: uint64(seed), faults: map[string]Faults{}, firstCalls: map[string]*calllog.Counter{}}
	for name, f := range initial {
		in.store(name, f.withDefaults())
	}
	return in
}

// Get returns the faults in force for the API name, or the zero Faults
// for a name it does not hold.
func (in *Injector) Get(name string) Faults {
	in.mu.RLock()
	defer in.mu.RUnlock()
	return in.faults[name]
}

// Update changes the faults of the named APIs with change, all or none:
// if any result is out of range, nothing changes and the error names
// that API. It returns the faults now in force, in the order of names.
// Calls already waiting keep the settings they started with. Holding
// the lock throughout keeps concurrent partial updates from undoing
// each other.
func (in *Injector) Update(names []string, change func(Faults) Faults) ([]Faults, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	next := make([]Faults, len(names))
	for i, name := range names {
		f := change(in.faults[name])
		if err := f.Validate(); err != nil {
			return nil, fmt.Errorf("faults for %s: %w", name, err)
		}
		next[i] = f.withDefaults()
	}
	for i, name := range names {
		in.store(name, next[i])
	}
	return next, nil
}

// store puts f in force for name; the caller holds mu or owns in. A
// changed FirstCallsRateLimited counts every path's calls afresh.
func (in *Injector) store(name string, f Faults) {
	if _, ok := in.faults[name]; !ok || f.FirstCallsRateLimited != in.faults[name].FirstCallsRateLimited {
		in.firstCalls[name] = newFirstCalls(f.FirstCallsRateLimited)
	}
	in.faults[name] = f
}

// settings returns name's faults in force and its per-path call counts
// for FirstCallsRateLimited, read together.
func (in *Injector) settings(name string) (Faults, *calllog.Counter) {
	in.mu.RLock()
	defer in.mu.RUnlock()
	return in.faults[name], in.firstCalls[name]
}

// newFirstCalls is a fresh per-path count when n calls of each path are
// to be refused, else nil.
func newFirstCalls(n int) *calllog.Counter {
	if n <= 0 {
		return nil
	}
	return &calllog.Counter{}
}

// amongFirstCalls counts a call to path and reports whether it is one of
// the first n; a nil counter, or a path past the counter's bound, is
// never among them.
func amongFirstCalls(c *calllog.Counter, path string, n int) bool {
	if c == nil {
		return false
	}
	k := c.Add(path)
	return k > 0 && k <= int64(n)
}

// All returns the faults in force for every API, read together.
func (in *Injector) All() map[string]Faults {
	in.mu.RLock()
	defer in.mu.RUnlock()
	return maps.Clone(in.faults)
}
