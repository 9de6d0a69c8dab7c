package companieshouse

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The Companies House error bodies, byte for byte where the real ones are
// documented.
const (
	UnauthorizedBody = `{"error":"Invalid Authorization","type":"ch:service"}`
	NotFoundBody     = `{"errors":[{"type":"ch:service","error":"company-profile-not-found"}]}`
	NoRouteBody      = `{"errors":[{"type":"ch:service","error":"not-found"}]}`
	UnavailableBody  = `{"errors":[{"type":"ch:service","error":"service-unavailable"}]}`
	RateLimitedBody  = `{"errors":[{"type":"ch:service","error":"rate-limit-exceeded"}]}`
)

// The API's answers that never change.
var (
	// Unavailable is the API's 503.
	Unavailable = respond.Fixed{Status: http.StatusServiceUnavailable, Body: UnavailableBody}
	// OverQuota is the real spent quota: 429, its headers (already set
	// by Usage) and no Retry-After.
	OverQuota = respond.Fixed{Status: http.StatusTooManyRequests, Body: RateLimitedBody}
	notFound  = respond.Fixed{Status: http.StatusNotFound, Body: NotFoundBody}
	noRoute   = respond.Fixed{Status: http.StatusNotFound, Body: NoRouteBody}
)

// Unauthorized is the API's 401 for a key it does not know.
func Unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="leadgen sandbox"`)
	respond.WriteRaw(w, http.StatusUnauthorized, UnauthorizedBody)
}

// Usage writes the X-Ratelimit-* headers Companies House sends on
// every answer.
func Usage(h http.Header, q quota.Status) {
	h.Set("X-Ratelimit-Limit", strconv.Itoa(q.Limit))
	h.Set("X-Ratelimit-Remain", strconv.Itoa(q.Remaining))
	h.Set("X-Ratelimit-Reset", quota.EpochHeader(q.Reset))
	h.Set("X-Ratelimit-Window", quota.FormatWindow(q.Window))
}

// RateLimited is an injected spent quota; unlike the simulated quota it
// says how long to wait.
func RateLimited(w http.ResponseWriter, q quota.Status) {
	quota.SetRetryAfter(w.Header(), q)
	respond.WriteRaw(w, http.StatusTooManyRequests, RateLimitedBody)
}

func invalid(w http.ResponseWriter, param string) {
	respond.WriteRaw(w, http.StatusBadRequest, fmt.Sprintf(
		`{"errors":[{"error":"invalid-parameter","location":%q,"location_type":"request-parameter","type":"ch:validation"}]}`, param))
}
