package opencorporates

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/processors/provider"
)

// classify decides what an answer means; it is the one place that does.
// It returns nil for a 2xx JSON body and otherwise:
//
//   - an HTML page (the API's throttle page, sent instead of JSON to a
//     client calling too fast): rate_limited; any other page is
//     bad_response, or transient with a 5xx status;
//   - 401: auth (bad or missing token);
//   - 403 with the quota body: rate_limited until the next midnight UTC,
//     when daily quotas reset (a spent monthly quota keeps answering 403
//     and the retry tiers run out into the dead-letter topic); any other
//     403: auth;
//   - 404: not_found; 429: rate_limited, waiting as Retry-After says;
//   - 408 and 5xx: transient; other 4xx: permanent;
//   - a 2xx body that is not JSON, or any other status: bad_response.
func classify(status int, h http.Header, body []byte, now time.Time) *failure.Error {
	switch {
	case looksHTML(h, body):
		return htmlFailure(status, body)
	case status >= 200 && status < 300:
		if !json.Valid(body) {
			return failure.New(failure.BadResponse, fmt.Errorf("http %d: body is not json", status))
		}
		return nil
	case status == http.StatusUnauthorized:
		return statusFailure(failure.Auth, status, body)
	case status == http.StatusForbidden && isQuotaBody(body):
		return rateLimited(status, body, provider.UntilMidnightUTC(now))
	case status == http.StatusForbidden:
		return statusFailure(failure.Auth, status, body)
	case status == http.StatusNotFound:
		return statusFailure(failure.NotFound, status, body)
	case status == http.StatusTooManyRequests:
		return rateLimited(status, body, retryAfter(h, now))
	case status == http.StatusRequestTimeout || status >= 500:
		return statusFailure(failure.Transient, status, body)
	case status >= 400:
		return statusFailure(failure.Permanent, status, body)
	default:
		return statusFailure(failure.BadResponse, status, body)
	}
}

func statusFailure(class failure.Class, status int, body []byte) *failure.Error {
	return failure.New(class, fmt.Errorf("http %d%s", status, apiMessage(body)))
}

func rateLimited(status int, body []byte, wait time.Duration) *failure.Error {
	fe := statusFailure(failure.RateLimited, status, body)
	fe.RetryAfter = wait
	return fe
}

// htmlFailure classifies a page sent where JSON was expected. The
// throttle page asks the client to slow down but not for how long, so
// the wait is left to routing.
func htmlFailure(status int, body []byte) *failure.Error {
	switch {
	case isThrottlePage(body):
		return failure.New(failure.RateLimited, fmt.Errorf("http %d: throttle page instead of json", status))
	case status >= 500:
		return failure.New(failure.Transient, fmt.Errorf("http %d: html page instead of json", status))
	default:
		return failure.New(failure.BadResponse, fmt.Errorf("http %d: html page instead of json", status))
	}
}

// looksHTML reports a page: said so by Content-Type, or starting with a
// tag whatever the header claims.
func looksHTML(h http.Header, body []byte) bool {
	return strings.HasPrefix(h.Get("Content-Type"), "text/html") ||
		apihttp.StartsWithTag(body)
}

// throttleWords mark the page OpenCorporates sends a client calling too
// fast ("You are accessing OpenCorporates at a higher than expected
// rate").
var throttleWords = []string{"higher than expected rate", "rate limit", "too many requests"}

func isThrottlePage(body []byte) bool {
	return containsAny(strings.ToLower(string(body)), throttleWords)
}

// quotaWords mark the 403 body of a spent quota ("API rate limit
// exceeded for your account"), as against a 403 for a token without
// access.
var quotaWords = []string{"rate limit", "quota", "call limit", "limit exceeded"}

func isQuotaBody(body []byte) bool {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil {
		return false
	}
	return containsAny(strings.ToLower(eb.message()), quotaWords)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// apiMessage quotes the message of a JSON error body, shortened.
func apiMessage(body []byte) string {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil {
		return ""
	}
	return apihttp.Quote(eb.message(), apihttp.MaxMessage)
}

// retryAfter reads Retry-After as seconds or an HTTP date; zero when
// absent leaves the wait to routing.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if secs, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(secs)*time.Second, 0)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
