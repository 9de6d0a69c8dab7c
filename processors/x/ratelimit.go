package x

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The endpoints whose rate limits are kept apart, as X counts them.
const (
	EndpointUsersBy      = "users/by"
	EndpointSearchRecent = "tweets/search/recent"
)

// RateLimitStatus is an endpoint's quota as X last reported it in its
// x-rate-limit-* headers. ObservedAt is zero until a response carried
// them.
type RateLimitStatus struct {
	Limit      int
	Remaining  int
	Reset      time.Time
	ObservedAt time.Time
}

// rateLimits keeps the latest RateLimitStatus per endpoint; the last
// answer read wins.
type rateLimits struct {
	mu   sync.Mutex
	last map[string]RateLimitStatus
}

func (r *rateLimits) observe(endpoint string, h http.Header, now time.Time) {
	limit, errL := strconv.Atoi(h.Get("x-rate-limit-limit"))
	remaining, errR := strconv.Atoi(h.Get("x-rate-limit-remaining"))
	if errL != nil && errR != nil {
		return
	}
	st := RateLimitStatus{Limit: limit, Remaining: remaining, ObservedAt: now}
	if reset, err := strconv.ParseInt(h.Get("x-rate-limit-reset"), 10, 64); err == nil {
		st.Reset = time.Unix(reset, 0)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last == nil {
		r.last = map[string]RateLimitStatus{}
	}
	r.last[endpoint] = st
}

func (r *rateLimits) get(endpoint string) RateLimitStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last[endpoint]
}
