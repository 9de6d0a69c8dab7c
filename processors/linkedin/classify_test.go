package linkedin

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// testNow is the fixed clock of the tests: 2025-06-15 14:30 UTC.
var testNow = time.Date(2025, 6, 15, 14, 30, 0, 0, time.UTC)

func TestClassify(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		body       string
		class      failure.Class // "" for a usable answer
		retryAfter time.Duration
	}{
		{"an organization found by vanity name is usable", 200, fixture(t, "organizations_finder_vanity_name.json"), "", 0},
		{"a batch lookup with per-id errors is usable", 200, fixture(t, "organizations_lookup_batch.json"), "", 0},
		{"a 401 for an empty token is auth", 401, fixture(t, "error_documented.json"), failure.Auth, 0},
		{"a 403 for a permission the app lacks is auth", 403, fixture(t, "error_403.json"), failure.Auth, 0},
		{"a 429 for the DAY limit waits until the daily reset at midnight UTC", 429, fixture(t, "error_429.json"), failure.RateLimited, 9*time.Hour + 30*time.Minute},
		{"a 429 for short throttling says no wait: the limiter backs off briefly", 429, `{"status":429,"serviceErrorCode":0,"code":"TOO_MANY_REQUESTS","message":"Too many requests"}`, failure.RateLimited, 0},
		{"a 404 is not found", 404, `{"status":404,"serviceErrorCode":0,"code":"RESOURCE_NOT_FOUND","message":"Not found"}`, failure.NotFound, 0},
		{"a 500 is transient", 500, `{"status":500,"code":"INTERNAL_SERVER_ERROR","message":"Internal Server Error"}`, failure.Transient, 0},
		{"a 504 HTML page is transient", 504, `<html><body>Gateway Timeout</body></html>`, failure.Transient, 0},
		{"a 400 is permanent", 400, `{"status":400,"code":"ILLEGAL_ARGUMENT","message":"Invalid param"}`, failure.Permanent, 0},
		{"invalid JSON is a bad response", 200, `{"elements":[`, failure.BadResponse, 0},
		{"an HTML page is a bad response", 200, `<!DOCTYPE html><html></html>`, failure.BadResponse, 0},
		{"an empty 200 body is a bad response", 200, ``, failure.BadResponse, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := classify(tt.status, []byte(tt.body), func() time.Time { return testNow })
			if tt.class == "" {
				if fe != nil {
					t.Fatalf("classify = %v, want a usable answer", fe)
				}
				return
			}
			if fe == nil || fe.Class != tt.class || fe.RetryAfter != tt.retryAfter {
				t.Fatalf("classify = %v, want %s (retry after %s)", fe, tt.class, tt.retryAfter)
			}
		})
	}
}

func TestClassifyReturnsAnUntypedNilForAUsableAnswer(t *testing.T) {
	if err := Classify(200, http.Header{}, []byte(fixture(t, "organizations_finder_vanity_name.json"))); err != nil {
		t.Fatalf("Classify = %#v, want nil", err)
	}
}

func TestAFailureQuotesTheCodeAndMessage(t *testing.T) {
	err := Classify(400, http.Header{}, []byte(`{"status":400,"code":"ILLEGAL_ARGUMENT","message":"Invalid param"}`))
	want := "permanent: linkedin api: http 400: ILLEGAL_ARGUMENT: Invalid param"
	if err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
}

func TestALinkedInAccessDeniedNamesThePermissionTheTokenLacks(t *testing.T) {
	err := Classify(403, http.Header{}, []byte(fixture(t, "error_403.json")))
	want := "auth: linkedin api: http 403: ACCESS_DENIED: Not enough permissions to access: organizations.FINDER-emailDomain.20230801: " +
		"the token lacks rw_organization_admin (Community Management API product)"
	if err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
	other := Classify(403, http.Header{}, []byte(`{"status":403,"serviceErrorCode":100,"message":"Unpermitted fields present in PARAMETER"}`))
	if failure.ClassOf(other) != failure.Auth || strings.Contains(other.Error(), Permission) {
		t.Fatalf("a 403 for something else = %v, want auth without blaming the permission", other)
	}
}

func TestAHintedFailureStaysBrief(t *testing.T) {
	long := `{"status":403,"code":"ACCESS_DENIED","message":"Not enough permissions to access: ` + strings.Repeat("x", 500) + `"}`
	err := Classify(403, http.Header{}, []byte(long))
	if !strings.HasSuffix(err.Error(), permissionHint) || len(err.Error()) > apihttp.MaxMessage+100 {
		t.Fatalf("err of %d bytes = %.80s..., want the hint kept within %d bytes", len(err.Error()), err, apihttp.MaxMessage+100)
	}
}

func TestALinkedInUnauthorizedSaysTheTokenMustBeRenewed(t *testing.T) {
	err := Classify(401, http.Header{}, []byte(`{"status":401,"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}`))
	if failure.ClassOf(err) != failure.Auth || !strings.Contains(err.Error(), "expired (tokens last 60 days) or revoked") {
		t.Fatalf("err = %v, want auth saying the token expired or was revoked", err)
	}
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
