package facebook

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

func TestClassify(t *testing.T) {
	buc := func(minutes string) http.Header {
		return http.Header{"X-Business-Use-Case-Usage": {`{"112233":[{"type":"pages","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":` + minutes + `}],` +
			`"445566":[{"type":"pages","call_count":40,"total_cputime":5,"total_time":5,"estimated_time_to_regain_access":3}]}`}}
	}
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       string
		class      failure.Class // "" for a usable answer
		retryAfter time.Duration
	}{
		{"a page is usable", 200, nil, fixture(t, "page.json"), "", 0},
		{"a page search is usable", 200, nil, fixture(t, "pages_search.json"), "", 0},
		{"an invalid or expired token (code 190) is auth", 400, nil, fixture(t, "error.json"), failure.Auth, 0},
		{"a call without the appsecret_proof an app requires is auth", 400, nil, fixture(t, "appsecret_proof_missing.json"), failure.Auth, 0},
		{"an appsecret_proof not made with the app's secret is auth", 400, nil, fixture(t, "appsecret_proof_invalid.json"), failure.Auth, 0},
		{"a session error (code 102) is auth", 400, nil, graphErr(102, 0, false), failure.Auth, 0},
		{"a missing permission (code 10) is auth", 403, nil, graphErr(10, 0, false), failure.Auth, 0},
		{"a missing page permission (code 2xx) is auth", 400, nil, graphErr(230, 0, false), failure.Auth, 0},
		{"the app limit (code 4) on HTTP 400 is rate limited", 400, nil, graphErr(4, 0, false), failure.RateLimited, DefaultRetryAfter},
		{"the user limit (code 17) is rate limited", 400, nil, graphErr(17, 0, false), failure.RateLimited, DefaultRetryAfter},
		{"the page limit (code 32) is rate limited", 400, nil, graphErr(32, 0, false), failure.RateLimited, DefaultRetryAfter},
		{"a custom limit (code 613) is rate limited", 400, nil, graphErr(613, 0, false), failure.RateLimited, DefaultRetryAfter},
		{"a business use case limit waits the longest estimate in the usage header", 400, buc("17"), graphErr(80001, 0, false), failure.RateLimited, 17 * time.Minute},
		{"the last business use case code (80014) is rate limited", 400, buc("2"), graphErr(80014, 0, false), failure.RateLimited, 3 * time.Minute},
		{"a usage header estimating 0 falls back to the default wait", 400,
			http.Header{"X-Business-Use-Case-Usage": {`{"1":[{"estimated_time_to_regain_access":0}]}`}}, graphErr(80004, 0, false), failure.RateLimited, DefaultRetryAfter},
		{"a garbled usage header falls back to the default wait", 400,
			http.Header{"X-Business-Use-Case-Usage": {`{"1":`}}, graphErr(80004, 0, false), failure.RateLimited, DefaultRetryAfter},
		{"a code just past the business range (80015) is permanent", 400, nil, graphErr(80015, 0, false), failure.Permanent, 0},
		{"an error marked is_transient is transient", 400, nil, graphErr(100, 0, true), failure.Transient, 0},
		{"an unknown error (code 1) is transient", 500, nil, graphErr(1, 0, false), failure.Transient, 0},
		{"a service error (code 2) is transient", 503, nil, graphErr(2, 0, false), failure.Transient, 0},
		{"an alias that does not exist (code 803) is not found", 404, nil, graphErr(803, 0, false), failure.NotFound, 0},
		{"an object that cannot be loaded (code 100, subcode 33) is not found", 400, nil, graphErr(100, 33, false), failure.NotFound, 0},
		{"an invalid parameter (code 100) is permanent", 400, nil, graphErr(100, 0, false), failure.Permanent, 0},
		{"a 5xx with an unknown code is transient", 500, nil, graphErr(9999, 0, false), failure.Transient, 0},
		{"a 5xx without an error object is transient", 502, nil, `{}`, failure.Transient, 0},
		{"a 5xx HTML page is transient", 503, nil, `<html><body>Service Unavailable</body></html>`, failure.Transient, 0},
		{"another 4xx without an error object is permanent", 405, nil, `{}`, failure.Permanent, 0},
		{"an HTML page is a bad response", 200, nil, `<!DOCTYPE html><html></html>`, failure.BadResponse, 0},
		{"invalid JSON is a bad response", 200, nil, `{"name":"Acme`, failure.BadResponse, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			fe := classify(tt.status, h, []byte(tt.body))
			if tt.class == "" {
				if fe != nil {
					t.Fatalf("classify = %v, want a usable answer", fe)
				}
				return
			}
			if fe == nil || fe.Class != tt.class || fe.RetryAfter != tt.retryAfter {
				t.Fatalf("classify = %v (retry after %s), want %s (retry after %s)", fe, retryAfterOf(fe), tt.class, tt.retryAfter)
			}
		})
	}
}

func TestClassifyReturnsAnUntypedNilForAUsableAnswer(t *testing.T) {
	if err := Classify(200, http.Header{}, []byte(fixture(t, "page.json"))); err != nil {
		t.Fatalf("Classify = %#v, want nil", err)
	}
}

func TestAFailureQuotesTheGraphError(t *testing.T) {
	err := Classify(400, http.Header{}, []byte(fixture(t, "error.json")))
	if want := "auth: graph api: http 400: code 190 subcode 460: Message describing the error"; err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
}

// graphErr is a Graph error body shaped like the error.json fixture,
// with the given code, subcode and is_transient.
func graphErr(code, subcode int, transient bool) string {
	return fmt.Sprintf(`{"error":{"message":"synthetic","type":"OAuthException","code":%d,"error_subcode":%d,"is_transient":%t,"fbtrace_id":"EJplcsCHuLu"}}`,
		code, subcode, transient)
}

func retryAfterOf(fe *failure.Error) time.Duration {
	if fe == nil {
		return 0
	}
	return fe.RetryAfter
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
