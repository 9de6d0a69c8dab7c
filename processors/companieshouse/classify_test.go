package companieshouse

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// TestClassification pins what each Companies House answer means, with
// bodies shaped like the API's (testdata/error_*.json; the 429 body is
// undocumented, so it is the sandbox's).
func TestClassification(t *testing.T) {
	reset := itoa(testNow.Unix() + 90)
	tests := []struct {
		name       string
		answer     http.HandlerFunc
		class      failure.Class // "" for a usable answer
		retryAfter time.Duration
	}{
		{"a 200 profile is usable", file(t, 200, "company_profile.json"), "", 0},
		{"a 401 with the Invalid Authorization body is auth", file(t, 401, "error_401.json"), failure.Auth, 0},
		{"a 403 is auth", body(403, `{"error":"Forbidden","type":"ch:service"}`), failure.Auth, 0},
		{"a 404 with the company-profile-not-found body is not found", file(t, 404, "error_404.json"), failure.NotFound, 0},
		{"a 429 without Retry-After waits until X-Ratelimit-Reset", fileWith(t, 429, "error_429.json", "X-Ratelimit-Reset", reset, "X-Ratelimit-Remain", "0"), failure.RateLimited, 90 * time.Second},
		{"a 429 with Retry-After as an HTTP date waits until then", fileWith(t, 429, "error_429.json", "Retry-After", testNow.Add(time.Minute).UTC().Format(http.TimeFormat)), failure.RateLimited, time.Minute},
		{"a 429 whose reset has passed may retry at once", fileWith(t, 429, "error_429.json", "X-Ratelimit-Reset", itoa(testNow.Unix()-5)), failure.RateLimited, 0},
		{"a 503 with the service-unavailable body is transient", file(t, 503, "error_503.json"), failure.Transient, 0},
		{"a 502 HTML page from a proxy is transient", file(t, 502, "error.html"), failure.Transient, 0},
		{"a 408 is transient", body(408, ``), failure.Transient, 0},
		{"a 400 is permanent", body(400, `{"errors":[{"error":"invalid-parameter","type":"ch:validation"}]}`), failure.Permanent, 0},
		{"an HTML page with 200 is a bad response", file(t, 200, "error.html"), failure.BadResponse, 0},
		{"a truncated JSON body is a bad response", body(200, `{"company_name":"ACME WID`), failure.BadResponse, 0},
		{"a redirect that was not followed is a bad response", body(304, ``), failure.BadResponse, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{"/company/12345678": tt.answer})
			var p profile
			err := newTestClient(t, api.URL, nil).get(context.Background(), "/company/12345678", nil, &p)
			if tt.class == "" {
				if err != nil {
					t.Fatalf("get = %v, want a usable answer", err)
				}
				return
			}
			wantClass(t, err, tt.class)
			if got := failure.RetryAfterOf(err); got != tt.retryAfter {
				t.Fatalf("RetryAfter = %s, want %s", got, tt.retryAfter)
			}
		})
	}
}

// fileWith answers a testdata file with header name/value pairs.
func fileWith(t *testing.T, status int, name string, headers ...string) http.HandlerFunc {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return body(status, string(b), headers...)
}
