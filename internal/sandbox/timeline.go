package sandbox

import (
	"slices"
	"sync"
	"time"
)

// maxTimelineCalls bounds each API's timeline; calls past it are not
// recorded.
const maxTimelineCalls = 1 << 18

// timeline records when each API was called, so a test can check a
// client never called above its quota.
type timeline struct {
	mu    sync.Mutex
	times map[string][]time.Time
}

func (tl *timeline) add(api string, at time.Time) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if tl.times == nil {
		tl.times = map[string][]time.Time{}
	}
	if len(tl.times[api]) < maxTimelineCalls {
		tl.times[api] = append(tl.times[api], at)
	}
}

// CallTimes returns when the named API (a provider name, see Providers)
// was called, oldest first: every call that reached the sandbox, faulted
// or not and refused for quota or not, up to the first 262,144 per API.
// A client whose MostCallsWithin(CallTimes(p), window) stays within the
// limit was never refused; QuotaRefusals counts the calls that were.
func (s *Server) CallTimes(provider string) []time.Time {
	s.timeline.mu.Lock()
	defer s.timeline.mu.Unlock()
	return slices.Clone(s.timeline.times[provider])
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
