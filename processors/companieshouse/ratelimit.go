package companieshouse

import (
	"net/http"
	"strconv"
	"time"
)

// rateLimit is the quota as the API reports it in its X-Ratelimit-*
// headers.
type rateLimit struct {
	Limit     int
	Remaining int
	Reset     time.Time
	Window    time.Duration
}

// parseRateLimit reads the quota headers. The REST API spells the
// remainder X-Ratelimit-Remain and the document API X-Ratelimit-Remaining;
// both are accepted.
func parseRateLimit(h http.Header) (rateLimit, bool) {
	limit, okLimit := headerInt(h, "X-Ratelimit-Limit")
	remain, okRemain := headerInt(h, "X-Ratelimit-Remain")
	if !okRemain {
		remain, okRemain = headerInt(h, "X-Ratelimit-Remaining")
	}
	if !okLimit && !okRemain {
		return rateLimit{}, false
	}
	st := rateLimit{Limit: limit, Remaining: remain}
	if reset, ok := headerInt(h, "X-Ratelimit-Reset"); ok {
		st.Reset = time.Unix(int64(reset), 0)
	}
	if w, err := time.ParseDuration(h.Get("X-Ratelimit-Window")); err == nil {
		st.Window = w
	}
	return st, true
}

func headerInt(h http.Header, name string) (int, bool) {
	n, err := strconv.Atoi(h.Get(name))
	return n, err == nil
}

// retryAfter is how long a 429 asked the client to wait: Retry-After
// (seconds or an HTTP date) when sent, else until X-Ratelimit-Reset, else
// zero (unknown).
func retryAfter(h http.Header, now time.Time) time.Duration {
	if v := h.Get("Retry-After"); v != "" {
		if secs, err := strconv.Atoi(v); err == nil {
			return max(time.Duration(secs)*time.Second, 0)
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	if reset, ok := headerInt(h, "X-Ratelimit-Reset"); ok {
		return max(time.Unix(int64(reset), 0).Sub(now), 0)
	}
	return 0
}
