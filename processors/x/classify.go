package x

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// Classify decides what an X API v2 answer means: nil for a usable one,
// else a *failure.Error. The rules, first match wins:
//
//   - 5xx: transient;
//   - 401: auth (bad or revoked bearer token);
//   - 402 (credits depleted): auth. A pay-per-use account out of credits
//     will not recover within the retry tiers; like a bad credential it
//     needs an operator, so it goes to the dead-letter topic and marks
//     the provider unhealthy instead of burning retries;
//   - 429: rate_limited until x-rate-limit-reset (epoch seconds);
//   - an HTML page or a body that is not JSON: bad_response;
//   - an older v1.1 body {"errors":[{"code":N}]}: by code (88 is
//     rate_limited, 32/89/215 auth, 130/131 transient, 34/50 not_found,
//     63 permanent);
//   - 2xx: usable, unless it carries only an errors array and no data
//     (X answers an unknown user with HTTP 200 so): not_found when every
//     error is resource-not-found, else the first error's problem class;
//   - a 4xx RFC 7807 problem, matched by the path of its type URL (the
//     host varies): see problemClasses;
//   - 403: auth; 404: not_found; other 4xx: permanent; anything else:
//     bad_response.
//
// The message quotes the API's title and detail, which never hold the
// bearer token.
func Classify(status int, header http.Header, body []byte) error {
	return classify(status, header, body, time.Now).OrNil()
}

func classify(status int, h http.Header, body []byte, now func() time.Time) *failure.Error {
	switch {
	case status >= 500:
		return fail(failure.Transient, status, "")
	case status == http.StatusUnauthorized, status == http.StatusPaymentRequired:
		return fail(failure.Auth, status, messageOf(body))
	case status == http.StatusTooManyRequests:
		return rateLimited(status, messageOf(body), h, now)
	}
	var b responseBody
	if apihttp.StartsWithTag(body) || json.Unmarshal(body, &b) != nil {
		return fail(failure.BadResponse, status, "body is not json")
	}
	if class, ok := b.legacyClass(); ok {
		return withWait(fail(class, status, b.message()), h, now)
	}
	if status >= 200 && status < 300 {
		return b.okClass(status)
	}
	return withWait(fail(b.errorClass(status), status, b.message()), h, now)
}

// errorClass classifies a 4xx (or odd) answer by its problem type, else
// by its status.
func (b responseBody) errorClass(status int) failure.Class {
	if class, ok := problemClass(b.Type); ok {
		return class
	}
	switch {
	case status == http.StatusForbidden:
		return failure.Auth
	case status == http.StatusNotFound:
		return failure.NotFound
	case status >= 400:
		return failure.Permanent
	default:
		return failure.BadResponse
	}
}

// okClass classifies a 2xx body: data, even with partial errors, is
// usable; errors alone say why there is none.
func (b responseBody) okClass(status int) *failure.Error {
	if b.hasData() || len(b.Errors) == 0 {
		return nil
	}
	for _, e := range b.Errors {
		if class, _ := problemClass(e.Type); class != failure.NotFound {
			return fail(errorsClass(e), status, b.message())
		}
	}
	return fail(failure.NotFound, status, b.message())
}

// errorsClass is the class of one entry of an errors array.
func errorsClass(e apiError) failure.Class {
	if class, ok := problemClass(e.Type); ok {
		return class
	}
	return failure.Permanent
}

// problemClasses are the RFC 7807 problem types by path.
var problemClasses = map[string]failure.Class{
	"/2/problems/resource-not-found":          failure.NotFound,
	"/2/problems/credits":                     failure.Auth,
	"/2/problems/client-forbidden":            failure.Auth,
	"/2/problems/unsupported-authentication":  failure.Auth,
	"/2/problems/usage-capped":                failure.RateLimited,
	"/2/problems/invalid-request":             failure.Permanent,
	"/2/problems/not-authorized-for-resource": failure.Permanent,
	"/2/problems/resource-unavailable":        failure.Permanent,
	"/2/problems/disallowed-resource":         failure.Permanent,
	"/2/problems/operational-disconnect":      failure.Transient,
}

// problemClass looks a problem type up by its URL path, as the host is
// api.twitter.com or api.x.com depending on the day.
func problemClass(typ string) (failure.Class, bool) {
	u, err := url.Parse(typ)
	if err != nil || u.Path == "" {
		return "", false
	}
	class, ok := problemClasses[u.Path]
	return class, ok
}

// legacyCodes are the v1.1 error codes older endpoints still send.
var legacyCodes = map[int]failure.Class{
	88:  failure.RateLimited, // rate limit exceeded
	32:  failure.Auth,        // could not authenticate you
	89:  failure.Auth,        // invalid or expired token
	215: failure.Auth,        // bad authentication data
	130: failure.Transient,   // over capacity
	131: failure.Transient,   // internal error
	34:  failure.NotFound,    // page does not exist
	50:  failure.NotFound,    // user not found
	63:  failure.Permanent,   // user suspended
}

func (b responseBody) legacyClass() (failure.Class, bool) {
	for _, e := range b.Errors {
		if class, ok := legacyCodes[e.Code]; ok {
			return class, true
		}
	}
	return "", false
}

func rateLimited(status int, msg string, h http.Header, now func() time.Time) *failure.Error {
	return withWait(fail(failure.RateLimited, status, msg), h, now)
}

// withWait sets a rate-limited failure's RetryAfter to the time left
// until x-rate-limit-reset; without the header the wait is left to
// routing.
func withWait(fe *failure.Error, h http.Header, now func() time.Time) *failure.Error {
	if fe.Class != failure.RateLimited {
		return fe
	}
	if reset, err := strconv.ParseInt(h.Get("x-rate-limit-reset"), 10, 64); err == nil {
		fe.RetryAfter = max(time.Unix(reset, 0).Sub(now()), 0)
	}
	return fe
}

func fail(class failure.Class, status int, msg string) *failure.Error {
	return failure.New(class, fmt.Errorf("x api: http %d%s", status, apihttp.Quote(msg, apihttp.MaxMessage)))
}
