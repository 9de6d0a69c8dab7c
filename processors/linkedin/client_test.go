package linkedin

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// testToken is distinctive so a leak into an error message is easy to
// find.
const testToken = "li-sentinel-token-8e2d4c6a-0b1f-4a3c-9e5d-7f9a1b3c5d7e"

const emptyFinder = `{"paging":{"start":0,"count":10,"links":[],"total":0},"elements":[]}`

// fakeAPI serves the finder by vanity name, insisting on the token and
// the version headers, and keeps the vanity names asked for.
type fakeAPI struct {
	*httptest.Server
	mu    sync.Mutex
	asked []string
}

func newFakeAPI(t *testing.T, byVanity map[string]http.HandlerFunc) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f.mu.Lock()
		f.asked = append(f.asked, q.Get("vanityName"))
		f.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+testToken || r.Header.Get("LinkedIn-Version") != DefaultVersion ||
			r.Header.Get("X-Restli-Protocol-Version") != "2.0.0" || r.URL.Path != "/rest/organizations" || q.Get("q") != "vanityName" {
			t.Errorf("request %s?%s lacks the token, version headers or finder: %v", r.URL.Path, r.URL.RawQuery, r.Header)
		}
		if h, ok := byVanity[q.Get("vanityName")]; ok {
			h(w, r)
			return
		}
		body(200, emptyFinder)(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) vanities() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}

func body(status int, text string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(text))
	}
}

// newTestClient returns a client of baseURL; timeout 0 is the default.
func newTestClient(t *testing.T, baseURL string, timeout ...time.Duration) *Client {
	t.Helper()
	var d time.Duration
	if len(timeout) > 0 {
		d = timeout[0]
	}
	c, err := New(Config{AccessToken: testToken, Settings: apihttp.Settings{BaseURL: baseURL, Timeout: d}})
	if err != nil {
		t.Fatal(err)
	}
	c.now = func() time.Time { return testNow }
	return c
}

func request(name, domain string) *schemas.CompanyRequest {
	r := &schemas.CompanyRequest{RequestID: "r1", CompanyName: name}
	if domain != "" {
		r.Domain = &domain
	}
	return r
}

func TestLookupFindsThePageByTheDomainsVanityName(t *testing.T) {
	api := newFakeAPI(t, map[string]http.HandlerFunc{"acme-widgets": body(200, fixture(t, "organizations_finder_vanity_name.json"))})
	res, err := newTestClient(t, api.URL).Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != schemas.StatusOK || res.Provider != "linkedin" || res.Company.Name != "Acme Widgets" ||
		deref(res.Company.Website) != "https://www.acme-widgets.example/" || res.Confidence != 1 {
		t.Fatalf("result = %+v, want the Acme Widgets page with confidence 1", res)
	}
	if res.Executives == nil || len(res.Executives) != 0 {
		t.Fatalf("executives = %v, want none: LinkedIn gives ordinary apps no people", res.Executives)
	}
	if got := api.vanities(); !slices.Equal(got, []string{"acme-widgets"}) || res.APICalls != 1 {
		t.Fatalf("asked for %q, want only acme-widgets", got)
	}
}

func TestLookupTriesTheNameWhenThereIsNoDomain(t *testing.T) {
	admin := fixture(t, "organization_admin.json")
	api := newFakeAPI(t, map[string]http.HandlerFunc{"acmewidgets": body(200, `{"paging":{"start":0,"count":10,"total":1},"elements":[`+admin+`]}`)})
	res, err := newTestClient(t, api.URL).Lookup(context.Background(), request("Acme Widgets Ltd", ""))
	if err != nil {
		t.Fatal(err)
	}
	if got := api.vanities(); !slices.Equal(got, []string{"acme-widgets", "acmewidgets"}) {
		t.Fatalf("asked for %q", got)
	}
	if res.Status != schemas.StatusOK || deref(res.Company.Address) != "10 High Street, London, EC1A 1BB, GB" || res.Confidence != 0.6 {
		t.Fatalf("result = %+v, want the page with its headquarters and confidence 0.6", res)
	}
}

func TestLookupNotFound(t *testing.T) {
	other := `{"elements":[{"id":1,"vanityName":"acme-widgets","localizedName":"Acme Widgets Fan Club Of Nowhere","localizedWebsite":"https://fans.example"}]}`
	tests := []struct {
		name  string
		pages map[string]http.HandlerFunc
	}{
		{"no candidate vanity name exists", nil},
		{"a page of another name and site is not the company's", map[string]http.HandlerFunc{"acme-widgets": body(200, other)}},
		{"a 404 for a vanity name is not found", map[string]http.HandlerFunc{"acme-widgets": body(404, `{"status":404,"message":"Not Found"}`)}},
		{"a same-named page for another site is another company's",
			map[string]http.HandlerFunc{"acme-widgets": body(200, `{"elements":[{"id":2,"vanityName":"acme-widgets","localizedName":"Acme Widgets","localizedWebsite":"https://acme-widgets.example.org"}]}`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, tt.pages)
			res, err := newTestClient(t, api.URL).Lookup(context.Background(), request("Acme Widgets", "acme-widgets.example"))
			if err != nil || res.Status != schemas.StatusNotFound || res.Company != nil || res.APICalls != 2 {
				t.Fatalf("Lookup = %+v, %v, want NOT_FOUND after 2 calls", res, err)
			}
		})
	}
}

func TestLookupFailuresAreClassified(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		class   failure.Class
		wait    time.Duration
		timeout time.Duration // 0: the default
	}{
		{"a 401 is auth", body(401, fixture(t, "error_documented.json")), failure.Auth, 0, 0},
		{"a 403 missing permission is auth", body(403, fixture(t, "error_403.json")), failure.Auth, 0, 0},
		{"a 429 waits until midnight UTC", body(429, fixture(t, "error_429.json")), failure.RateLimited, 9*time.Hour + 30*time.Minute, 0},
		{"a 500 is transient", body(500, `{"status":500,"message":"Internal Server Error"}`), failure.Transient, 0, 0},
		{"an HTML page is a bad response", body(200, "<html></html>"), failure.BadResponse, 0, 0},
		{"a call never answered is transient", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, failure.Transient, 0, 50 * time.Millisecond},
		{"an error echoing the token is quoted without it", body(401, `{"status":401,"message":"token `+testToken+` expired"}`), failure.Auth, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]http.HandlerFunc{"acme-widgets": tt.handler})
			_, err := newTestClient(t, api.URL, tt.timeout).Lookup(context.Background(), request("Acme Widgets", "acme-widgets.example"))
			wantClass(t, err, tt.class)
			if got := failure.RetryAfterOf(err); got != tt.wait {
				t.Fatalf("RetryAfter = %s, want %s", got, tt.wait)
			}
		})
	}
}

func TestVanityCandidates(t *testing.T) {
	tests := []struct {
		name, company, domain string
		want                  []string
	}{
		{"the domain label comes first", "Acme Widgets Ltd", "www.acme-widgets.example", []string{"acme-widgets", "acmewidgets"}},
		{"a name alone is hyphenated and squashed", "Zoë Brontë & Co Ltd", "", []string{"zoe-bronte-and-co", "zoebronteandco"}},
		{"at most three are tried", "Acme Widgets", "acme.example", []string{"acme", "acme-widgets", "acmewidgets"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vanityCandidates(request(tt.company, tt.domain)); !slices.Equal(got, tt.want) {
				t.Fatalf("candidates = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	_, err := New(Config{})
	if err == nil || !strings.Contains(err.Error(), "LEADGEN_LINKEDIN_ACCESS_TOKEN") {
		t.Fatalf("New without a token = %v, want an error naming LEADGEN_LINKEDIN_ACCESS_TOKEN", err)
	}
	if _, err := New(Config{AccessToken: testToken, Version: "2024-01"}); err == nil {
		t.Fatal("a version that is not YYYYMM was accepted")
	}
}

func wantClass(t *testing.T, err error, class failure.Class) {
	t.Helper()
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Class != class {
		t.Fatalf("err = %v, want class %s", err, class)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Fatalf("error text carries the access token: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
