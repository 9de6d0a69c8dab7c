package opencorporates

import (
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The OpenCorporates error bodies.
const (
	UnauthorizedBody = `{"error":{"message":"Invalid Api Token. Please check your OpenCorporates account"}}`
	NotFoundBody     = `{"error":{"message":"No company found with that jurisdiction and company number"}}`
	NoRouteBody      = `{"error":{"message":"Not found"}}`
	UnavailableBody  = `{"error":{"message":"Service temporarily unavailable"}}`
	BadRequestBody   = `{"error":{"message":"Invalid parameters"}}`
	QuotaBody        = `{"error":{"message":"API rate limit exceeded for your account"}}`
)

// Unavailable is the API's 503.
func Unavailable(w http.ResponseWriter) {
	respond.WriteRaw(w, http.StatusServiceUnavailable, UnavailableBody)
}

// Unauthorized is the API's 401 for a token it does not know.
func Unauthorized(w http.ResponseWriter) {
	respond.WriteRaw(w, http.StatusUnauthorized, UnauthorizedBody)
}

// QuotaSpent answers as OpenCorporates does once the daily or monthly
// quota is used up: 403, not 429, and no header saying when it resets
// (midnight UTC), so the wait is not sent.
func QuotaSpent(w http.ResponseWriter, _ quota.Status) {
	respond.WriteRaw(w, http.StatusForbidden, QuotaBody)
}

func noRoute(w http.ResponseWriter, _ *http.Request) {
	respond.WriteRaw(w, http.StatusNotFound, NoRouteBody)
}
