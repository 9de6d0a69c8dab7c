package opencorporates

import (
	"net/http"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

func TestClassify(t *testing.T) {
	html := func(t *testing.T) []byte { return fixtureBytes(t, "quota_exceeded.html") }
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       func(*testing.T) []byte
		class      failure.Class // "" for a usable answer
		retryAfter time.Duration
	}{
		{"a 200 company body is usable", 200, nil, fromFile("company.json"), "", 0},
		{"a 200 search body is usable", 200, nil, fromFile("companies_search.json"), "", 0},
		{"a 401 with the bad token body is auth", 401, nil, fromFile("error_401.json"), failure.Auth, 0},
		{"a 403 with the quota body is rate limited until midnight UTC, not auth", 403, nil, fromFile("error_403_quota.json"), failure.RateLimited, 9*time.Hour + 30*time.Minute},
		{"a 403 without the quota body is auth", 403, nil, text(`{"error":{"message":"Your plan does not include this endpoint"}}`), failure.Auth, 0},
		{"a 403 with an empty body is auth", 403, nil, text(``), failure.Auth, 0},
		{"a 404 is not found", 404, nil, text(`{"error":{"message":"No company found with that jurisdiction and company number"}}`), failure.NotFound, 0},
		{"a 429 waits as long as Retry-After says", 429, header("Retry-After", "120"), text(`{"error":{"message":"Too many requests"}}`), failure.RateLimited, 2 * time.Minute},
		{"a 429 without Retry-After leaves the wait to routing", 429, nil, text(``), failure.RateLimited, 0},
		{"a 503 is transient", 503, nil, text(`{"error":{"message":"Service temporarily unavailable"}}`), failure.Transient, 0},
		{"a 500 is transient", 500, nil, text(`{"error":{"message":"Internal error"}}`), failure.Transient, 0},
		{"a 408 is transient", 408, nil, text(``), failure.Transient, 0},
		{"a 400 is permanent", 400, nil, text(`{"error":{"message":"Invalid parameters"}}`), failure.Permanent, 0},
		{"the throttle page in place of JSON is rate limited", 200, header("Content-Type", "text/html"), html, failure.RateLimited, 0},
		{"the throttle page is rate limited whatever its status", 503, nil, html, failure.RateLimited, 0},
		{"another HTML page in place of JSON is a bad response", 200, header("Content-Type", "text/html; charset=utf-8"), text(`<html><body>Down for maintenance</body></html>`), failure.BadResponse, 0},
		{"an HTML page labelled JSON is still a page", 200, header("Content-Type", "application/json"), text(`  <!DOCTYPE html><html></html>`), failure.BadResponse, 0},
		{"an HTML error page from a 5xx proxy is transient", 502, header("Content-Type", "text/html"), text(`<html>Bad gateway</html>`), failure.Transient, 0},
		{"truncated JSON is a bad response", 200, nil, text(`{"results":{"company":{"na`), failure.BadResponse, 0},
		{"an empty 200 body is a bad response", 200, nil, text(``), failure.BadResponse, 0},
		{"a redirect that was not followed is a bad response", 304, nil, text(``), failure.BadResponse, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			fe := classify(tt.status, h, tt.body(t), testNow)
			if tt.class == "" {
				if fe != nil {
					t.Fatalf("classify = %v, want a usable answer", fe)
				}
				return
			}
			if fe == nil {
				t.Fatalf("classify = nil, want %s", tt.class)
			}
			wantClass(t, fe, tt.class)
			if fe.RetryAfter != tt.retryAfter {
				t.Fatalf("RetryAfter = %s, want %s", fe.RetryAfter, tt.retryAfter)
			}
		})
	}
}

func TestAQuotaErrorQuotesTheAPIMessage(t *testing.T) {
	fe := classify(403, http.Header{}, fixtureBytes(t, "error_403_quota.json"), testNow)
	if want := "rate_limited: http 403: API rate limit exceeded for your account"; fe.Error() != want {
		t.Fatalf("error = %q, want %q", fe.Error(), want)
	}
}

func fromFile(name string) func(*testing.T) []byte {
	return func(t *testing.T) []byte { return fixtureBytes(t, name) }
}

func text(s string) func(*testing.T) []byte {
	return func(*testing.T) []byte { return []byte(s) }
}

func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}
