package x

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// testNow is the fixed clock of the tests.
var testNow = time.Unix(1_750_000_000, 0)

func TestClassify(t *testing.T) {
	resetIn := func(d time.Duration) http.Header {
		return http.Header{"X-Rate-Limit-Reset": {strconv.FormatInt(testNow.Add(d).Unix(), 10)}}
	}
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       string
		class      failure.Class // "" for a usable answer
		retryAfter time.Duration
	}{
		{"a user lookup with data is usable", 200, nil, fixture(t, "user_by_username.json"), "", 0},
		{"a batch lookup with data and partial errors is usable", 200, nil, fixture(t, "users_by_partial_errors.json"), "", 0},
		{"a recent search is usable", 200, nil, fixture(t, "tweets_search_recent.json"), "", 0},
		{"an unknown user answered 200 with only errors is not found", 200, nil, fixture(t, "user_not_found_200.json"), failure.NotFound, 0},
		{"a 200 with only a not-authorized error is permanent", 200, nil,
			`{"errors":[{"title":"Authorization Error","type":"https://api.x.com/2/problems/not-authorized-for-resource"}]}`, failure.Permanent, 0},
		{"a 401 problem is auth", 401, nil, fixture(t, "error_401.json"), failure.Auth, 0},
		{"a 402 for depleted credits is auth, for an operator to fix", 402, nil, fixture(t, "error_402_credits_depleted.json"), failure.Auth, 0},
		{"a 429 waits until x-rate-limit-reset", 429, resetIn(7 * time.Minute), fixture(t, "error_429.json"), failure.RateLimited, 7 * time.Minute},
		{"a 429 whose reset has passed may retry at once", 429, resetIn(-time.Minute), fixture(t, "error_429.json"), failure.RateLimited, 0},
		{"a 429 without a reset header leaves the wait to routing", 429, nil, fixture(t, "error_429.json"), failure.RateLimited, 0},
		{"a 400 invalid-request problem is permanent", 400, nil, fixture(t, "error_400.json"), failure.Permanent, 0},
		{"a problem type is matched by path whatever the host", 403, nil,
			`{"title":"Forbidden","type":"https://api.x.com/2/problems/usage-capped"}`, failure.RateLimited, 0},
		{"a 403 client-forbidden problem is auth", 403, nil,
			`{"title":"Client Forbidden","type":"https://api.twitter.com/2/problems/client-forbidden"}`, failure.Auth, 0},
		{"the older code 88 body is rate limited with the reset wait", 429, resetIn(time.Minute), `{"errors":[{"code":88,"message":"Rate limit exceeded"}]}`, failure.RateLimited, time.Minute},
		{"the older code 88 body is rate limited even with HTTP 200", 200, resetIn(time.Minute), `{"errors":[{"code":88,"message":"Rate limit exceeded"}]}`, failure.RateLimited, time.Minute},
		{"the older code 89 body is auth", 400, nil, `{"errors":[{"code":89,"message":"Invalid or expired token."}]}`, failure.Auth, 0},
		{"a 503 is transient", 503, nil, `{"title":"Service Unavailable","type":"about:blank","status":503}`, failure.Transient, 0},
		{"a 500 HTML page is transient", 500, nil, `<html><body>Something is technically wrong.</body></html>`, failure.Transient, 0},
		{"an HTML page with 200 is a bad response", 200, nil, `<!DOCTYPE html><html></html>`, failure.BadResponse, 0},
		{"invalid JSON is a bad response", 200, nil, `{"data":{"id":"1"`, failure.BadResponse, 0},
		{"an HTML page with 400 is a bad response", 400, nil, `<html>Bad Request</html>`, failure.BadResponse, 0},
		{"a 404 without a problem type is not found", 404, nil, `{"title":"Not Found","type":"about:blank"}`, failure.NotFound, 0},
		{"another 4xx is permanent", 409, nil, `{"title":"Conflict","type":"about:blank"}`, failure.Permanent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := classify(tt.status, orEmpty(tt.header), []byte(tt.body), func() time.Time { return testNow })
			wantFailure(t, fe, tt.class, tt.retryAfter)
		})
	}
}

func TestClassifyReturnsAnUntypedNilForAUsableAnswer(t *testing.T) {
	if err := Classify(200, http.Header{}, []byte(fixture(t, "user_by_username.json"))); err != nil {
		t.Fatalf("Classify = %#v, want nil", err)
	}
}

func TestClassifyUsesTheWallClock(t *testing.T) {
	reset := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	err := Classify(429, http.Header{"X-Rate-Limit-Reset": {reset}}, nil)
	if ra := failure.RetryAfterOf(err); ra <= 0 || ra > time.Hour {
		t.Fatalf("RetryAfter = %s, want within the hour to the reset", ra)
	}
}

func TestAFailureQuotesTheProblemDetail(t *testing.T) {
	err := Classify(402, http.Header{}, []byte(fixture(t, "error_402_credits_depleted.json")))
	if !strings.Contains(err.Error(), "does not have any credits") {
		t.Fatalf("err = %v, want the problem's detail", err)
	}
}

func wantFailure(t *testing.T, fe *failure.Error, class failure.Class, retryAfter time.Duration) {
	t.Helper()
	if class == "" {
		if fe != nil {
			t.Fatalf("classify = %v, want a usable answer", fe)
		}
		return
	}
	if fe == nil || fe.Class != class {
		t.Fatalf("classify = %v, want %s", fe, class)
	}
	if fe.RetryAfter != retryAfter {
		t.Fatalf("RetryAfter = %s, want %s", fe.RetryAfter, retryAfter)
	}
}

func orEmpty(h http.Header) http.Header {
	if h == nil {
		return http.Header{}
	}
	return h
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
