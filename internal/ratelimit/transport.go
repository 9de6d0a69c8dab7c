package ratelimit

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Transport makes every HTTP call of a provider client wait for its
// limiter, and feeds the provider's own quota headers back to it.
type Transport struct {
	Base    http.RoundTripper
	Limiter *Limiter
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.Limiter.Wait(req.Context()); err != nil {
		return nil, err
	}
	resp, err := t.Base.RoundTrip(req)
	if err == nil {
		if until, spent := exhausted(resp.Header, time.Now()); spent {
			t.Limiter.Block(until)
		}
	}
	return resp, err
}

// exhausted reads the quota headers providers send (Companies House
// X-Ratelimit-Remain/-Remaining and -Reset; X x-rate-limit-remaining and
// -reset, both epoch seconds) and says whether the quota is spent and
// until when.
func exhausted(h http.Header, now time.Time) (time.Time, bool) {
	remaining := first(h, "X-Ratelimit-Remain", "X-Ratelimit-Remaining", "X-Rate-Limit-Remaining")
	reset := first(h, "X-Ratelimit-Reset", "X-Rate-Limit-Reset")
	n, err := strconv.Atoi(strings.TrimSpace(remaining))
	if err != nil || n > 0 {
		return time.Time{}, false
	}
	epoch, err := strconv.ParseInt(strings.TrimSpace(reset), 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	until := time.Unix(epoch, 0)
	if !until.After(now) || until.Sub(now) > time.Hour {
		return time.Time{}, false // a reset in the past, or implausible: ignore
	}
	return until, true
}

func first(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}
