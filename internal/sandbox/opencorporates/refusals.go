package opencorporates

import (
	"net/http"

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

// The API's answers, which never change.
var (
	// Unavailable is the API's 503.
	Unavailable = respond.Fixed{Status: http.StatusServiceUnavailable, Body: UnavailableBody}
	// Unauthorized is the API's 401 for a token it does not know.
	Unauthorized = respond.Fixed{Status: http.StatusUnauthorized, Body: UnauthorizedBody}
	// QuotaSpent answers as OpenCorporates does once the daily or
	// monthly quota is used up: 403, not 429, and no header saying when
	// it resets (midnight UTC), so the wait is not sent.
	QuotaSpent = respond.Fixed{Status: http.StatusForbidden, Body: QuotaBody}
	notFound   = respond.Fixed{Status: http.StatusNotFound, Body: NotFoundBody}
	badRequest = respond.Fixed{Status: http.StatusBadRequest, Body: BadRequestBody}
	noRoute    = respond.Fixed{Status: http.StatusNotFound, Body: NoRouteBody}
)
