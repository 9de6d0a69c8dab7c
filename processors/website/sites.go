package website

import (
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// The robots.txt cache.
const (
	// RobotsTTL is how long a robots.txt answer is used: RFC 9309 §2.4
	// says a crawler SHOULD NOT use a cached copy for more than 24 hours.
	RobotsTTL = 24 * time.Hour
	// MaxSites bounds the origins remembered: a provider process reads
	// many sites but each rarely twice a day (results are cached), so a
	// few thousand entries of at most maxRobotsParse each keep the hits
	// that matter (retries, the next page of a lookup) in bounded memory.
	MaxSites = 2048
)

// sites remembers, per origin, the robots.txt policy and when the origin
// may next be asked (Crawl-delay). It is safe for concurrent use; two
// lookups of one origin that miss at once both fetch its robots.txt.
type sites struct {
	clock clock
	lru   *lru.Cache[string, *originState]
}

func newSites(c clock) *sites {
	l, _ := lru.New[string, *originState](MaxSites) // only a size < 1 fails
	return &sites{clock: c, lru: l}
}

// originState is one origin's policy and request spacing.
type originState struct {
	policy  *policy
	fetched time.Time

	mu   sync.Mutex
	next time.Time // the earliest time of the next request
}

// get returns the origin's site if its robots.txt was read within
// RobotsTTL, else nil.
func (s *sites) get(o origin) *originState {
	st, ok := s.lru.Get(o.String())
	if !ok || s.clock.Now().Sub(st.fetched) >= RobotsTTL {
		return nil
	}
	return st
}

// put remembers an origin's policy, read just now by a request that
// counts for its Crawl-delay.
func (s *sites) put(o origin, p *policy) *originState {
	now := s.clock.Now()
	st := &originState{policy: p, fetched: now, next: now.Add(p.delay)}
	s.lru.Add(o.String(), st)
	return st
}

// reserve books the next request to the origin: the time it may be made,
// now or after the Crawl-delay since the last, or false, booking nothing,
// when that is after deadline.
func (st *originState) reserve(now, deadline time.Time) (time.Time, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	at := now
	if st.next.After(at) {
		at = st.next
	}
	if at.After(deadline) {
		return at, false
	}
	st.next = at.Add(st.policy.delay)
	return at, true
}
