package calllog

import (
	"slices"
	"sync"
	"time"
)

// maxTimelineCalls bounds each API's Timeline; calls past it are not
// recorded.
const maxTimelineCalls = 1 << 18

// Timeline records when each API was called, so a test can check a
// client never called above its quota; the zero value is empty and
// ready, and it is safe for concurrent use.
type Timeline struct {
	mu    sync.Mutex
	times map[string][]time.Time
}

// Add records a call of api at at.
func (tl *Timeline) Add(api string, at time.Time) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if tl.times == nil {
		tl.times = map[string][]time.Time{}
	}
	if len(tl.times[api]) < maxTimelineCalls {
		tl.times[api] = append(tl.times[api], at)
	}
}

// Times returns when api was called, oldest first, up to the first
// 262,144 calls.
func (tl *Timeline) Times(api string) []time.Time {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return slices.Clone(tl.times[api])
}

// MostCallsWithin is the largest number of calls of times (sorted) that
// fall within any period of length d.
func MostCallsWithin(times []time.Time, d time.Duration) int {
	most, start := 0, 0
	for end := range times {
		for times[end].Sub(times[start]) >= d {
			start++
		}
		most = max(most, end-start+1)
	}
	return most
}
