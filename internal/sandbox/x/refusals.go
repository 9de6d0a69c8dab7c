package x

import (
	"net/http"
	"strconv"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The X API v2 error bodies (shared/fixtures/x).
const (
	UnauthorizedBody = `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`
	RateLimitedBody  = `{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}`
	UnavailableBody  = `{"title":"Service Unavailable","type":"about:blank","status":503,"detail":"Service Unavailable"}`
	NoRouteBody      = `{"title":"Not Found Error","type":"about:blank","status":404,"detail":"Sorry, that page does not exist"}`
)

// The API's answers that never change.
var (
	// Unauthorized is the API's 401 problem for a missing or unknown
	// token.
	Unauthorized = respond.Fixed{Status: http.StatusUnauthorized, Body: UnauthorizedBody}
	// Unavailable is the API's 503 problem.
	Unavailable = respond.Fixed{Status: http.StatusServiceUnavailable, Body: UnavailableBody}
	noRoute     = respond.Fixed{Status: http.StatusNotFound, Body: NoRouteBody}
)

// Usage writes the x-rate-limit-* headers X sends on every answer: the
// window's limit, what is left and its end (epoch seconds).
func Usage(h http.Header, q quota.Status) {
	limit := q.Limit
	if limit == 0 {
		limit = userLookupLimit
	}
	h.Set("x-rate-limit-limit", strconv.Itoa(limit))
	h.Set("x-rate-limit-remaining", strconv.Itoa(q.Remaining))
	h.Set("x-rate-limit-reset", quota.EpochHeader(q.Reset))
}

// RateLimited answers as X does when an endpoint's window is spent: 429
// with the window's reset in x-rate-limit-reset (epoch seconds) and no
// Retry-After.
func RateLimited(w http.ResponseWriter, q quota.Status) {
	q.Remaining = 0
	Usage(w.Header(), q)
	respond.WriteRaw(w, http.StatusTooManyRequests, RateLimitedBody)
}
