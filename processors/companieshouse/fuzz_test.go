package companieshouse

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/registermatch"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// The fuzz tests and injection tests of the client. Fuzzing feeds
// arbitrary answers to the JSON decoding and to everything built on it;
// the injection tests send hostile names and check what reaches the API.

// checkOutcome asserts what any lookup must end in (see
// providertest.CheckOutcome).
func checkOutcome(t *testing.T, r *schemas.DiscoveryResult, err error) {
	t.Helper()
	providertest.CheckOutcome(t, ProviderName, r, err, testKey)
}

// FuzzParseBodies decodes arbitrary bytes as every body the client reads
// and runs the matching, people and confidence code on what comes out.
func FuzzParseBodies(f *testing.F) {
	for _, name := range []string{"search_companies.json", "company_profile.json", "officers.json",
		"persons_with_significant_control.json", "error_404.json", "error.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "ACME WIDGETS LIMITED")
	}
	f.Add([]byte(`{"items":[{"title":"","company_number":"1"}],"total_results":-1}`), "1")
	f.Add([]byte(`{"items":[{"kind":"corporate-entity-person-with-significant-control","name_elements":{}}]}`), "")
	c := &Client{cfg: Config{APIKey: testKey}}
	f.Fuzz(func(t *testing.T, body []byte, name string) {
		var (
			page     searchPage
			p        profile
			officers listPage[officer]
			pscs     listPage[psc]
		)
		for _, out := range []any{&page, &p, &officers, &pscs} {
			_ = json.Unmarshal(body, out)
		}
		m, ok := bestMatch(page.Items, name, apihttp.DefaultMatchThreshold)
		if ok && m.Number == "" {
			t.Fatalf("matched %+v without a number", m)
		}
		ps := persons(officers.Items, pscs.Items)
		r := &schemas.DiscoveryResult{Provider: ProviderName, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
			Executives: registermatch.Executives(m.Score, ps), Company: companyProfile(p), Confidence: registermatch.Confidence(m.Score, ps)}
		checkOutcome(t, r, nil)
		if msg := c.apiMessage(body); strings.Contains(msg, testKey) || len(msg) > apihttp.MaxMessage+len(": ...") {
			t.Fatalf("api message %q", msg)
		}
	})
}

// fuzzAnswer is the answer the fuzzed API gives on one path.
type fuzzAnswer struct {
	path   string
	status int
	header string
	body   []byte
}

// FuzzLookupAnswers runs whole lookups against an API that answers one
// of its four calls with a fuzzed status, rate-limit header and body, and
// the others from the fixtures.
func FuzzLookupAnswers(f *testing.F) {
	paths := []string{"/search/companies", "/company/12345678", "/company/12345678/officers",
		"/company/12345678/persons-with-significant-control"}
	f.Add(uint8(0), 200, "", []byte(`{"items":[],"total_results":0}`))
	f.Add(uint8(1), 200, "", []byte(`{"company_name":"ACME","company_number":""}`))
	f.Add(uint8(2), 200, "", []byte(`{"items":[{"name":"X"}],"total_results":1000000}`))
	f.Add(uint8(3), 429, "99999999999999999999", []byte(`{"errors":[{"error":"`+testKey+`"}]}`))
	f.Add(uint8(1), 503, "Mon, 02 Jan 2006 15:04:05 GMT", []byte("<html>down</html>"))
	f.Add(uint8(2), 302, "-5", []byte(nil))
	var (
		mu  sync.Mutex
		ans fuzzAnswer
	)
	routes := map[string][]byte{}
	for i, name := range []string{"search_companies.json", "company_profile.json", "officers.json", "persons_with_significant_control.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		routes[paths[i]] = b
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		a := ans
		mu.Unlock()
		if r.URL.Path != a.path {
			body(200, string(routes[r.URL.Path]))(w, r)
			return
		}
		for _, h := range []string{"Retry-After", "X-Ratelimit-Reset", "X-Ratelimit-Remain", "X-Ratelimit-Limit", "X-Ratelimit-Window"} {
			w.Header().Set(h, a.header)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	}))
	f.Cleanup(srv.Close)
	c := newFuzzClient(f, srv.URL)
	f.Fuzz(func(t *testing.T, where uint8, status int, header string, body []byte) {
		status, header = providertest.Sendable(status, header)
		mu.Lock()
		ans = fuzzAnswer{path: paths[int(where)%len(paths)], status: status, header: header, body: body}
		mu.Unlock()
		r, err := c.Lookup(context.Background(), byName("ACME WIDGETS LIMITED"))
		checkOutcome(t, r, err)
	})
}

// newFuzzClient is newTestClient for a fuzz target's set-up.
func newFuzzClient(tb testing.TB, baseURL string) *Client {
	c, err := New(Config{APIKey: testKey, Settings: apihttp.Settings{BaseURL: baseURL, Timeout: time.Minute}})
	if err != nil {
		tb.Fatal(err)
	}
	c.now = func() time.Time { return testNow }
	return c
}

// recorded is one request as the API received it, before any decoding.
type recorded struct {
	uri    string // the raw request-target
	header http.Header
}

// recorder is an API that records every request and finds nothing.
func recorder(t *testing.T) (*httptest.Server, func() []recorded) {
	var (
		mu  sync.Mutex
		got []recorded
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, recorded{uri: r.RequestURI, header: r.Header.Clone()})
		mu.Unlock()
		body(200, `{"items":[],"total_results":0}`)(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []recorded { mu.Lock(); defer mu.Unlock(); return slices.Clone(got) }
}

// injections are hostile company names: each must reach the API as the
// value of q, escaped, and change nothing else about the request.
var injections = []struct{ name, in string }{
	{"an SQL comment trick", "'; DROP TABLE companies; --"},
	{"a path traversal", "../../etc/passwd"},
	{"percent-encoded CR LF and a header", "%0d%0aHeader: x"},
	{"a raw CR LF and a header", "ACME\r\nX-Injected: 1"},
	{"a query and a fragment", "name?x=1#frag"},
	{"a second q parameter", "ACME&q=EVIL&items_per_page=1000"},
	{"a NUL and other controls", "ACME\x00\x07\x1b[31mLTD"},
	{"an absolute URL", "http://169.254.169.254/latest/meta-data/"},
	{"percent signs and a plus", "100% + 50%2F ACME"},
	{"a bidi override", "ACME \u202eDTL"},
	{"a 2 KB name", strings.Repeat("ACME/../", 256)},
}

// safeQuery says whether every byte of a raw query is one url.Values
// writes without escaping, or part of an escape.
func safeQuery(q string) bool {
	return strings.Trim(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%+=&") == ""
}

func TestHostileNamesReachTheSearchOnlyAsAnEscapedQueryValue(t *testing.T) {
	for _, tt := range injections {
		t.Run(tt.name+" is one escaped q value", func(t *testing.T) {
			srv, got := recorder(t)
			r, err := newTestClient(t, srv.URL, nil).Lookup(context.Background(), byName(tt.in))
			if err != nil || r.Status != schemas.StatusNotFound {
				t.Fatalf("lookup: %+v, %v; want NOT_FOUND", r, err)
			}
			reqs := got()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want the one search", len(reqs))
			}
			path, rawQuery, _ := strings.Cut(reqs[0].uri, "?")
			if path != "/search/companies" || !safeQuery(rawQuery) || strings.Contains(reqs[0].uri, "#") {
				t.Fatalf("request-target %q: want /search/companies and an escaped query", reqs[0].uri)
			}
			q, err := url.ParseQuery(rawQuery)
			want := url.Values{"q": {strings.TrimSpace(tt.in)}, "items_per_page": {"20"}}
			if err != nil || !equalValues(q, want) {
				t.Fatalf("query %q decodes to %v, want %v", rawQuery, q, want)
			}
			for _, h := range []string{"Header", "X-Injected"} {
				if v, ok := reqs[0].header[h]; ok {
					t.Fatalf("the name created header %s: %v", h, v)
				}
			}
		})
	}
}

func TestHostileNumbersAreRefusedBeforeAnyCall(t *testing.T) {
	for _, tt := range injections {
		t.Run(tt.name+" as a company number", func(t *testing.T) {
			srv, got := recorder(t)
			_, err := newTestClient(t, srv.URL, nil).Lookup(context.Background(), byNumber(tt.in))
			wantClass(t, err, failure.Permanent)
			if n := len(got()); n != 0 {
				t.Fatalf("%d calls made for a number that is not one", n)
			}
		})
	}
}

func TestAHostileNumberInASearchHitStaysOneEscapedPathSegment(t *testing.T) {
	var (
		mu   sync.Mutex
		uris []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		uris = append(uris, r.RequestURI)
		mu.Unlock()
		if r.URL.Path == "/search/companies" {
			body(200, `{"items":[{"title":"ACME WIDGETS LIMITED","company_number":"../../admin?x=1#f"}],"total_results":1}`)(w, r)
			return
		}
		body(404, `{"errors":[{"error":"company-profile-not-found"}]}`)(w, r)
	}))
	defer srv.Close()
	if _, err := newTestClient(t, srv.URL, nil).Lookup(context.Background(), byName("ACME WIDGETS LIMITED")); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := "/company/..%2F..%2Fadmin%3Fx=1%23f"; len(uris) != 2 || uris[1] != want {
		t.Fatalf("requests %q; want the search, then %s", uris, want)
	}
}

func equalValues(a, b url.Values) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
