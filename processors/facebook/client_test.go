package facebook

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// testToken is an app token ("app-id|app-secret") so a leak in either
// its raw or URL-escaped form would show.
const testToken = "104912345|fb-sentinel-secret-3c5e7a9b-1d2f-4b6d-8e0a-2c4e6a8b0d1f"

const acmeSearch = `{"data":[{"id":"104912345678901","name":"Acme Widgets","link":"https://www.facebook.com/acmewidgets"},
	{"id":"555","name":"Acme Widgets Fan Club Of Nowhere"}],"paging":{"cursors":{"before":"MAZDZD","after":"MjQZD"}}}`

// fakeGraph answers by path under /v25.0, insisting on the token, and
// keeps every raw query it got.
type fakeGraph struct {
	*httptest.Server
	mu      sync.Mutex
	queries []string
}

func newFakeGraph(t *testing.T, routes map[string]http.HandlerFunc) *fakeGraph {
	t.Helper()
	f := &fakeGraph{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.queries = append(f.queries, r.URL.Path+"?"+r.URL.RawQuery)
		f.mu.Unlock()
		if r.URL.Query().Get("access_token") != testToken || !strings.HasPrefix(r.URL.Path, "/v25.0/") {
			t.Errorf("request %s lacks the token or the version", r.URL.Path)
		}
		if h, ok := routes[strings.TrimPrefix(r.URL.Path, "/v25.0")]; ok {
			h(w, r)
			return
		}
		body(404, `{"error":{"message":"(#803) Some of the aliases you requested do not exist","type":"OAuthException","code":803}}`)(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeGraph) got() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.queries...)
}

func body(status int, text string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
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
	return c
}

func request(name, domain string) *schemas.CompanyRequest {
	r := &schemas.CompanyRequest{RequestID: "r1", CompanyName: name}
	if domain != "" {
		r.Domain = &domain
	}
	return r
}

func TestLookupReadsTheMostSimilarPage(t *testing.T) {
	g := newFakeGraph(t, map[string]http.HandlerFunc{
		"/pages/search":    body(200, acmeSearch),
		"/104912345678901": body(200, fixture(t, "page.json"), "X-App-Usage", `{"call_count":28,"total_cputime":9,"total_time":12}`),
	})
	c := newTestClient(t, g.URL)
	res, err := c.Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != schemas.StatusOK || res.Provider != "facebook" || res.Company.Name != "Acme Widgets" ||
		deref(res.Company.Website) != "https://www.acme-widgets.example" ||
		deref(res.Company.Address) != "10 High Street, London, United Kingdom, EC1A 1BB" {
		t.Fatalf("result = %+v / %+v", res, res.Company)
	}
	if res.Executives == nil || len(res.Executives) != 0 || res.APICalls != 2 || res.Confidence != 0.85 {
		t.Fatalf("executives %v, calls %d, confidence %g; want none, 2 and 0.85 (same name, same site, unverified)", res.Executives, res.APICalls, res.Confidence)
	}
	if q := g.got(); !strings.Contains(q[0], "q=ACME+WIDGETS+LIMITED") || !strings.Contains(q[1], "fields=name%2Cabout%2Cwebsite") ||
		!strings.Contains(q[1], "verification_status") {
		t.Fatalf("queries = %q", q)
	}
}

func TestLookupWithoutASimilarPageIsNotFoundAfterOneCall(t *testing.T) {
	g := newFakeGraph(t, map[string]http.HandlerFunc{"/pages/search": body(200, fixture(t, "pages_search.json"))})
	res, err := newTestClient(t, g.URL).Lookup(context.Background(), request("Acme Widgets", ""))
	if err != nil || res.Status != schemas.StatusNotFound || res.APICalls != 1 || res.Company != nil {
		t.Fatalf("Lookup = %+v, %v, want NOT_FOUND after the search", res, err)
	}
}

func TestAPageGoneSinceTheSearchIsNotFound(t *testing.T) {
	g := newFakeGraph(t, map[string]http.HandlerFunc{"/pages/search": body(200, acmeSearch)})
	res, err := newTestClient(t, g.URL).Lookup(context.Background(), request("Acme Widgets", ""))
	if err != nil || res.Status != schemas.StatusNotFound || res.APICalls != 2 {
		t.Fatalf("Lookup = %+v, %v, want NOT_FOUND after two calls", res, err)
	}
}

func TestLookupFailuresAreClassified(t *testing.T) {
	buc := `{"112233":[{"type":"pages","call_count":100,"total_cputime":20,"total_time":20,"estimated_time_to_regain_access":7}]}`
	tests := []struct {
		name    string
		handler http.HandlerFunc
		class   failure.Class
		wait    time.Duration
		timeout time.Duration // 0: the default
	}{
		{"an expired token is auth", body(400, fixture(t, "error.json")), failure.Auth, 0, 0},
		{"a business use case throttle waits as estimated", body(400, `{"error":{"message":"limit","type":"OAuthException","code":80001}}`,
			"X-Business-Use-Case-Usage", buc), failure.RateLimited, 7 * time.Minute, 0},
		{"a transient Graph error is transient", body(500, `{"error":{"message":"Please retry","code":2,"is_transient":true}}`), failure.Transient, 0, 0},
		{"an HTML page is a bad response", body(200, "<html></html>"), failure.BadResponse, 0, 0},
		{"a call never answered is transient", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, failure.Transient, 0, 50 * time.Millisecond},
		{"an error echoing the token is quoted without it", body(400, `{"error":{"message":"bad token `+testToken+`","code":190}}`), failure.Auth, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, map[string]http.HandlerFunc{"/pages/search": tt.handler})
			_, err := newTestClient(t, g.URL, tt.timeout).Lookup(context.Background(), request("Acme Widgets", ""))
			wantClass(t, err, tt.class)
			if got := failure.RetryAfterOf(err); got != tt.wait {
				t.Fatalf("RetryAfter = %s, want %s", got, tt.wait)
			}
		})
	}
}

func TestATransportErrorCarriesNoToken(t *testing.T) {
	g := newFakeGraph(t, nil)
	g.Close()
	_, err := newTestClient(t, g.URL).Lookup(context.Background(), request("Acme Widgets", ""))
	wantClass(t, err, failure.Transient)
}

func TestUsageReadsEveryHeader(t *testing.T) {
	var r usageReading
	h := http.Header{}
	h.Set("X-App-Usage", `{"call_count":10,"total_cputime":5,"total_time":7}`)
	h.Set("X-Page-Usage", `{"call_count":3,"total_cputime":1,"total_time":2}`)
	h.Set("X-Business-Use-Case-Usage", `{"1":[{"type":"pages","call_count":96,"total_cputime":4,"total_time":4,"estimated_time_to_regain_access":2}]}`)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r.observe(h, now)
	u := r.get()
	b := u.BusinessUseCase["1"][0]
	if u.App.TotalTime != 7 || u.Page.CallCount != 3 || b.Type != "pages" || b.RegainAccess != 2*time.Minute || u.Highest() != 96 || !u.ObservedAt.Equal(now) {
		t.Fatalf("usage = %+v", u)
	}
	r.observe(http.Header{"X-App-Usage": {`{"call_count":11}`}}, now.Add(time.Second))
	if u := r.get(); u.App.CallCount != 11 || u.Page.CallCount != 3 || len(u.BusinessUseCase) != 1 {
		t.Fatalf("usage after an app-only reading = %+v, want the other parts kept", u)
	}
	r.observe(http.Header{}, now.Add(2*time.Second))
	if u := r.get(); !u.ObservedAt.Equal(now.Add(time.Second)) {
		t.Fatal("an answer without usage headers changed the reading")
	}
}

func TestConfig(t *testing.T) {
	_, err := New(Config{})
	if err == nil || !strings.Contains(err.Error(), "LEADGEN_FACEBOOK_ACCESS_TOKEN") {
		t.Fatalf("New without a token = %v, want an error naming LEADGEN_FACEBOOK_ACCESS_TOKEN", err)
	}
	_, err = New(Config{AccessToken: testToken, Settings: apihttp.Settings{BaseURL: "https://graph.example/?access_token=" + testToken}})
	if err == nil || strings.Contains(err.Error(), "fb-sentinel") {
		t.Fatalf("New with a token in the base url = %v, want an error without it", err)
	}
}

func wantClass(t *testing.T, err error, class failure.Class) {
	t.Helper()
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Class != class {
		t.Fatalf("err = %v, want class %s", err, class)
	}
	if strings.Contains(err.Error(), "fb-sentinel") {
		t.Fatalf("error text carries the access token: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestASameNamedPageForAnotherSiteIsAnotherCompanys(t *testing.T) {
	g := newFakeGraph(t, map[string]http.HandlerFunc{
		"/pages/search":    body(200, acmeSearch),
		"/104912345678901": body(200, fixture(t, "page.json")),
	})
	res, err := newTestClient(t, g.URL).Lookup(context.Background(), request("Acme Widgets (UK) Ltd", "acme-widgets-uk.example"))
	if err != nil || res.Status != schemas.StatusNotFound || res.APICalls != 2 {
		t.Fatalf("Lookup = %+v, %v, want NOT_FOUND after reading the Page", res, err)
	}
}
