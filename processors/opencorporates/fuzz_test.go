package opencorporates

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

	"github.com/leadgen/leadgen/schemas"
)

// The fuzz tests and injection tests of the client. Fuzzing feeds
// arbitrary answers to classify, to the JSON decoding and to everything
// built on it; the injection test sends hostile names and checks what
// reaches the API.

// checkOutcome asserts what any lookup must end in (see
// providertest.CheckOutcome).
func checkOutcome(t *testing.T, r *schemas.DiscoveryResult, err error) {
	t.Helper()
	providertest.CheckOutcome(t, SourceName, r, err, testToken)
}

// seedFiles are the fixtures every body fuzzer starts from.
var seedFiles = []string{"companies_search.json", "company.json", "company_with_token.json", "error_401.json",
	"error_403_quota.json", "quota_exceeded.html"}

func readSeed(tb testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// FuzzClassify checks that every answer is usable or classified, and that
// the wait it asks for is never negative.
func FuzzClassify(f *testing.F) {
	for i, name := range seedFiles {
		f.Add([]int{200, 200, 200, 401, 403, 200}[i], "", readSeed(f, name))
	}
	f.Add(429, "Mon, 02 Jan 2006 15:04:05 GMT", []byte(`{"error":"slow down"}`))
	f.Add(429, "-99999999999999", []byte(`{"error":{"message":7}}`))
	f.Add(503, "text/html", []byte(" <html>"))
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		h := http.Header{"Retry-After": {header}, "Content-Type": {header}}
		fe := classify(status, h, body, testNow)
		if fe == nil {
			if status < 200 || status > 299 || !json.Valid(body) {
				t.Fatalf("http %d with %q is usable", status, body)
			}
			return
		}
		if !slices.Contains(providertest.KnownClasses, fe.Class) || fe.RetryAfter < 0 || fe.Err == nil {
			t.Fatalf("failure %+v", fe)
		}
	})
}

// FuzzParseBodies decodes arbitrary bytes as every body the client reads
// and runs the matching, officers and confidence code on what comes out.
func FuzzParseBodies(f *testing.F) {
	for _, name := range seedFiles {
		f.Add(readSeed(f, name), "ACME WIDGETS LIMITED")
	}
	f.Add([]byte(`{"results":{"company":{"officers":[{"officer":{"inactive":null,"end_date":"x"}}]}}}`), "")
	f.Fuzz(func(t *testing.T, body []byte, name string) {
		var (
			search searchEnvelope
			one    companyEnvelope
		)
		_ = json.Unmarshal(body, &search)
		_ = json.Unmarshal(body, &one)
		companies := make([]company, len(search.Results.Companies))
		for i, c := range search.Results.Companies {
			companies[i] = c.Company
		}
		m, ok := registermatch.Best(hitsOf(companies), name, apihttp.DefaultMatchThreshold)
		if ok && m.Number == "" {
			t.Fatalf("matched %+v without a number", m)
		}
		c := one.Results.Company
		ps := persons(c.Officers)
		r := &schemas.DiscoveryResult{Status: schemas.StatusOK, Layer: schemas.LayerSecondary,
			Executives: registermatch.Executives(m.Score, ps), Company: companyProfile(c), Confidence: registermatch.Confidence(m.Score, ps)}
		checkOutcome(t, r, nil)
	})
}

// fuzzAnswer is the answer the fuzzed API gives on one path.
type fuzzAnswer struct {
	path   string
	status int
	header string
	body   []byte
}

// FuzzLookupAnswers runs whole lookups against an API that answers the
// search or the company with a fuzzed status, header and body (which may
// echo the token), and the other from the fixtures.
func FuzzLookupAnswers(f *testing.F) {
	paths := []string{"/companies/search", "/companies/gb/12345678"}
	fixtures := map[string][]byte{paths[0]: readSeed(f, "companies_search.json"), paths[1]: readSeed(f, "company.json")}
	f.Add(uint8(0), 200, "", []byte(`{"results":{"companies":[]}}`))
	f.Add(uint8(1), 200, "", readSeed(f, "company_with_token.json"))
	f.Add(uint8(1), 403, "", readSeed(f, "error_403_quota.json"))
	f.Add(uint8(0), 200, "text/html", readSeed(f, "quota_exceeded.html"))
	f.Add(uint8(1), 500, "", []byte(`{"error":"token `+testToken+` is bad"}`))
	f.Add(uint8(0), 429, "120", []byte(`{"error":{"message":"`+url.QueryEscape(testToken)+`"}}`))
	var (
		mu  sync.Mutex
		ans fuzzAnswer
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		a := ans
		mu.Unlock()
		if r.URL.Path != a.path {
			body(200, string(fixtures[r.URL.Path]))(w, r)
			return
		}
		w.Header().Set("Retry-After", a.header)
		w.Header().Set("Content-Type", a.header)
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	}))
	f.Cleanup(srv.Close)
	c, err := New(Config{APIToken: testToken, Settings: apihttp.Settings{BaseURL: srv.URL, Timeout: time.Minute}})
	if err != nil {
		f.Fatal(err)
	}
	c.now = func() time.Time { return testNow }
	f.Fuzz(func(t *testing.T, where uint8, status int, header string, body []byte) {
		status, header = providertest.Sendable(status, header)
		mu.Lock()
		ans = fuzzAnswer{path: paths[int(where)%len(paths)], status: status, header: header, body: body}
		mu.Unlock()
		r, err := c.Lookup(context.Background(), byName("ACME WIDGETS LIMITED"))
		checkOutcome(t, r, err)
	})
}

// hostileNames must each reach the API as the value of q, escaped, and
// change nothing else about the request.
var hostileNames = []struct{ name, in string }{
	{"an SQL comment trick", "'; DROP TABLE companies; --"},
	{"a path traversal", "../../etc/passwd"},
	{"percent-encoded CR LF and a header", "%0d%0aHeader: x"},
	{"a raw CR LF and a header", "ACME\r\nX-Injected: 1"},
	{"a query and a fragment", "name?x=1#frag"},
	{"a token of its own", "ACME&api_token=stolen&jurisdiction_code=us"},
}

func TestHostileNamesReachTheSearchOnlyAsAnEscapedQueryValue(t *testing.T) {
	for _, tt := range hostileNames {
		t.Run(tt.name+" is one escaped q value", func(t *testing.T) {
			var (
				mu   sync.Mutex
				uris []string
				hdrs []http.Header
			)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				uris, hdrs = append(uris, r.RequestURI), append(hdrs, r.Header.Clone())
				mu.Unlock()
				body(200, `{"results":{"companies":[]}}`)(w, r)
			}))
			defer srv.Close()
			if _, err := newTestClient(t, srv.URL, nil).Lookup(context.Background(), byName(tt.in)); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(uris) != 1 {
				t.Fatalf("%d requests, want the one search", len(uris))
			}
			path, rawQuery, _ := strings.Cut(uris[0], "?")
			if path != "/companies/search" || strings.Trim(rawQuery, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%+=&") != "" {
				t.Fatalf("request-target %q: want /companies/search and an escaped query", uris[0])
			}
			q, err := url.ParseQuery(rawQuery)
			want := url.Values{"q": {strings.TrimSpace(tt.in)}, "jurisdiction_code": {"gb"}, "order": {"score"}, "api_token": {testToken}}
			if err != nil || len(q) != len(want) {
				t.Fatalf("query %q decodes to %v, want %v", rawQuery, q, want)
			}
			for k, v := range want {
				if !slices.Equal(q[k], v) {
					t.Fatalf("query %q has %s=%q, want %q", rawQuery, k, q[k], v)
				}
			}
			if _, ok := hdrs[0]["X-Injected"]; ok {
				t.Fatal("the name created a header")
			}
		})
	}
}
