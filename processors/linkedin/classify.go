package linkedin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/processors/provider"
)

// Classify decides what a LinkedIn REST answer means: nil for a usable
// one, else a *failure.Error. First match wins:
//
//   - 5xx: transient;
//   - 401 (missing, expired or revoked token): auth;
//   - 403 (ACCESS_DENIED, a permission the token was not granted): auth,
//     as it will not fix itself and needs an operator; its message names
//     the permission organization lookup needs, rw_organization_admin;
//   - 429 whose message names a DAY limit: rate_limited until the next
//     midnight UTC, when LinkedIn resets its per-app and per-member daily
//     quotas (it sends no rate-limit headers to say so); any other 429 is
//     short infrastructure throttling: rate_limited with no wait, which
//     the rate limiter meets with short backoffs;
//   - 404: not_found;
//   - an HTML page or a body that is not JSON: bad_response;
//   - 2xx: usable (a batch lookup's per-id errors are the caller's);
//     other 4xx: permanent; anything else: bad_response.
//
// The message quotes the API's code and message, which never hold the
// access token.
func Classify(status int, _ http.Header, body []byte) error {
	return classify(status, body, time.Now).OrNil()
}

// classify is Classify with a clock; LinkedIn sends no header that
// matters.
func classify(status int, body []byte, now func() time.Time) *failure.Error {
	switch {
	case status >= 500:
		return fail(failure.Transient, status, body)
	case status == http.StatusUnauthorized:
		return failHint(failure.Auth, status, body, unauthorizedHint)
	case status == http.StatusForbidden && lacksPermission(body):
		return failHint(failure.Auth, status, body, permissionHint)
	case status == http.StatusForbidden:
		return fail(failure.Auth, status, body)
	case status == http.StatusTooManyRequests:
		fe := fail(failure.RateLimited, status, body)
		if dailyLimit(body) {
			fe.RetryAfter = provider.UntilMidnightUTC(now())
		}
		return fe
	case status == http.StatusNotFound:
		return fail(failure.NotFound, status, body)
	case apihttp.StartsWithTag(body) || !json.Valid(body):
		return failure.New(failure.BadResponse, fmt.Errorf("linkedin api: http %d: body is not json", status))
	case status >= 200 && status < 300:
		return nil
	case status >= 400:
		return fail(failure.Permanent, status, body)
	default:
		return fail(failure.BadResponse, status, body)
	}
}

// dailyLimit says whether a 429's message names the day's quota, as in
// "Resource level throttle APPLICATION DAY limit for calls to this
// resource is reached." (MEMBER DAY limits read the same way).
func dailyLimit(body []byte) bool {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return false
	}
	return strings.Contains(strings.ToUpper(e.Message), "DAY LIMIT")
}

// Permission is the permission organization lookup by vanity name needs.
const Permission = "rw_organization_admin"

// The hints appended to auth failures, saying what the operator must do.
const (
	unauthorizedHint = "the member's token is missing, expired (tokens last 60 days) or revoked"
	permissionHint   = "the token lacks " + Permission + " (Community Management API product)"
)

// lacksPermission says whether a 403 is ACCESS_DENIED for a permission
// the token lacks ("Not enough permissions to access: ..."), or says
// nothing more.
func lacksPermission(body []byte) bool {
	var e apiError
	if json.Unmarshal(body, &e) != nil || e.Message == "" {
		return true
	}
	return strings.Contains(strings.ToLower(e.Message), "not enough permissions")
}

func fail(class failure.Class, status int, body []byte) *failure.Error {
	return failure.New(class, fmt.Errorf("linkedin api: http %d%s", status, apiMessage(body)))
}

// failHint is fail with a hint after the API's own message, which is
// quoted shorter to leave the hint room.
func failHint(class failure.Class, status int, body []byte, hint string) *failure.Error {
	return failure.New(class, fmt.Errorf("linkedin api: http %d%s: %s", status, quoteAPI(body, apihttp.MaxMessage-len(hint)), hint))
}

// apiError is {"status","serviceErrorCode","code","message"}.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiMessage quotes the code and message of a JSON error body, shortened.
func apiMessage(body []byte) string { return quoteAPI(body, apihttp.MaxMessage) }

// quoteAPI quotes the code and message of a JSON error body in at most
// limit bytes and a "...".
func quoteAPI(body []byte, limit int) string {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	msg := e.Message
	if e.Code != "" {
		msg = e.Code + ": " + msg
	}
	return apihttp.Quote(msg, limit)
}
