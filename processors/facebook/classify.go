package facebook

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// DefaultRetryAfter is the wait asked of a throttled call when the
// X-Business-Use-Case-Usage header gives no estimate: app and page
// limits are counted over a sliding hour, and a minute lets the retry
// tiers probe it without hammering.
const DefaultRetryAfter = time.Minute

// Classify decides what a Graph API answer means: nil for a usable one,
// else a *failure.Error. Graph reports most failures, throttling
// included, as HTTP 400 with an error object, so the error code decides
// before the status does. First match wins:
//
//   - a body that is not JSON (an HTML page): transient with a 5xx
//     status, else bad_response;
//   - error code 4 (app), 17 (user), 32 (page), 613 (custom) or
//     80000–80014 (business use case): rate_limited, waiting as
//     X-Business-Use-Case-Usage estimates, else DefaultRetryAfter;
//   - code 190 (invalid or expired token), 102 (session), 10 or 200–299
//     (a permission the app lacks), or 100 refusing the appsecret_proof
//     (missing, or not made with the app's secret): auth; none fixes
//     itself;
//   - is_transient true, or code 1 or 2: transient;
//   - code 803, or 100 with subcode 33 (no such object): not_found;
//   - 5xx: transient; 2xx without an error: usable; any other error or
//     4xx: permanent; anything else: bad_response.
//
// The message quotes the API's error message, which never holds the
// access token.
func Classify(status int, header http.Header, body []byte) error {
	return classify(status, header, body).OrNil()
}

func classify(status int, h http.Header, body []byte) *failure.Error {
	var b envelope
	if apihttp.StartsWithTag(body) || json.Unmarshal(body, &b) != nil {
		if status >= 500 {
			return fail(failure.Transient, status, nil)
		}
		return fail(failure.BadResponse, status, nil)
	}
	if b.Error != nil {
		fe := fail(b.Error.class(status), status, b.Error)
		if fe.Class == failure.RateLimited {
			fe.RetryAfter = regainWait(h)
		}
		return fe
	}
	switch {
	case status >= 500:
		return fail(failure.Transient, status, nil)
	case status >= 200 && status < 300:
		return nil
	case status >= 400:
		return fail(failure.Permanent, status, nil)
	default:
		return fail(failure.BadResponse, status, nil)
	}
}

// class is what one Graph error object means.
func (e *graphError) class(status int) failure.Class {
	switch {
	case isThrottle(e.Code):
		return failure.RateLimited
	case e.Code == 190 || e.Code == 102 || e.Code == 10 || (e.Code >= 200 && e.Code <= 299) || e.refusesProof():
		return failure.Auth
	case e.IsTransient || e.Code == 1 || e.Code == 2:
		return failure.Transient
	case e.Code == 803 || (e.Code == 100 && e.Subcode == 33):
		return failure.NotFound
	case status >= 500:
		return failure.Transient
	default:
		return failure.Permanent
	}
}

// refusesProof reports Graph's refusal of a call for its appsecret_proof,
// sent by an app with "Require App Secret" on when the proof is missing
// ("API calls from the server require an appsecret_proof argument") and
// by any app when the proof does not match the token ("Invalid
// appsecret_proof provided in the API argument"): HTTP 400, type
// GraphMethodException, code 100 and no subcode, so only the message
// tells it from an invalid parameter, which is permanent. An operator
// must set the app secret: retrying cannot fix it. Meta documents the
// proof at https://developers.facebook.com/docs/graph-api/securing-requests
// but not the error; its shape is what Graph answers (testdata
// appsecret_proof_*.json).
func (e *graphError) refusesProof() bool {
	return e.Code == 100 && strings.Contains(e.Message, "appsecret_proof")
}

// isThrottle reports the throttling codes: application, user, page and
// custom-level limits and the business use case range.
func isThrottle(code int) bool {
	return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014)
}

// regainWait is the longest estimated_time_to_regain_access (minutes) of
// any business in X-Business-Use-Case-Usage, or DefaultRetryAfter.
func regainWait(h http.Header) time.Duration {
	var usage map[string][]struct {
		Minutes float64 `json:"estimated_time_to_regain_access"`
	}
	if json.Unmarshal([]byte(h.Get("X-Business-Use-Case-Usage")), &usage) != nil {
		return DefaultRetryAfter
	}
	longest := 0.0
	for _, entries := range usage {
		for _, e := range entries {
			longest = max(longest, e.Minutes)
		}
	}
	if longest <= 0 {
		return DefaultRetryAfter
	}
	// Graph estimates are minutes; a day is more than any quota window,
	// and the cap keeps an absurd estimate from overflowing.
	return time.Duration(min(longest, 24*60) * float64(time.Minute))
}

func fail(class failure.Class, status int, e *graphError) *failure.Error {
	if e == nil {
		return failure.New(class, fmt.Errorf("graph api: http %d", status))
	}
	msg := apihttp.Shorten(e.Message, apihttp.MaxMessage)
	return failure.New(class, fmt.Errorf("graph api: http %d: code %d subcode %d: %s", status, e.Code, e.Subcode, msg))
}

// envelope is the part of a Graph answer that says whether it failed.
type envelope struct {
	Error *graphError `json:"error"`
}

// graphError is {"error":{"message","type","code","error_subcode",
// "is_transient",...}}; the other members are for people, not routing.
type graphError struct {
	Message     string `json:"message"`
	Type        string `json:"type"`
	Code        int    `json:"code"`
	Subcode     int    `json:"error_subcode"`
	IsTransient bool   `json:"is_transient"`
}
