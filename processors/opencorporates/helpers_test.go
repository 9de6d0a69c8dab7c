package opencorporates

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
const testToken = "oc-sentinel-token-7c9e2f4a-1b3d-4e5f-8a6b-9c0d1e2f3a4b"

// testNow is the fixed clock of every test client: 2025-06-15 14:30 UTC.
var testNow = time.Date(2025, 6, 15, 14, 30, 0, 0, time.UTC)

// fakeAPI is an httptest server answering fixture bodies per path; it
// insists on the token, Accept and User-Agent and counts calls per path.
type fakeAPI struct {
	*httptest.Server
	mu    sync.Mutex
	calls map[string]int
}

func newFakeAPI(t *testing.T, routes map[string]http.HandlerFunc) *fakeAPI {
	t.Helper()
	f := &fakeAPI{calls: map[string]int{}}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.calls[r.URL.Path]++
		f.mu.Unlock()
		if r.URL.Query().Get("api_token") != testToken || r.Header.Get("Accept") != "application/json" ||
			!strings.HasPrefix(r.UserAgent(), "leadgen/") {
			t.Errorf("request %s lacks the token, Accept or User-Agent: %v", r.URL.Path, r.Header)
		}
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		body(404, `{"error":{"message":"No company found with that jurisdiction and company number"}}`)(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		n += c
	}
	return n
}

// fixtureRoutes serves the fixtures for 12345678; a search finds the
// fixture's two companies for a query about acme or that number, and
// nothing otherwise.
func fixtureRoutes(t *testing.T) map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"/companies/search": func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			if q.Get("jurisdiction_code") != "gb" || q.Get("order") != "score" {
				t.Errorf("search query %v lacks jurisdiction_code=gb or order=score", q)
			}
			if s := strings.ToLower(q.Get("q")); strings.Contains(s, "acme") || s == "12345678" {
				file(t, 200, "companies_search.json")(w, r)
				return
			}
			body(200, `{"api_version":"0.4.8","results":{"companies":[],"page":1,"per_page":30,"total_pages":0,"total_count":0}}`)(w, r)
		},
		"/companies/gb/12345678": file(t, 200, "company.json"),
	}
}

func fixtureBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func file(t *testing.T, status int, name string) http.HandlerFunc {
	return body(status, string(fixtureBytes(t, name)))
}

// body answers status and text, with header name/value pairs.
func body(status int, text string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(text))
	}
}

// hang answers only when the client gives up.
func hang(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func newTestClient(t *testing.T, baseURL string, tweak func(*Config)) *Client {
	t.Helper()
	cfg := Config{APIToken: testToken, Settings: apihttp.Settings{BaseURL: baseURL}}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("new client: %v", err)
	}
	c.now = func() time.Time { return testNow }
	return c
}

func byNumber(n string) *schemas.CompanyRequest {
	return &schemas.CompanyRequest{RequestID: "r1", CompanyNumber: &n}
}

func byName(name string) *schemas.CompanyRequest {
	return &schemas.CompanyRequest{RequestID: "r1", CompanyName: name}
}

func names(execs []schemas.Executive) []string {
	out := make([]string, len(execs))
	for i, e := range execs {
		out[i] = e.Name + " (" + e.Role + ")"
	}
	return out
}

// wantClass fails unless err is a *failure.Error of class whose text is
// free of the token.
func wantClass(t *testing.T, err error, class failure.Class) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want %s", class)
	}
	var fe *failure.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err %v is not a *failure.Error", err)
	}
	if fe.Class != class {
		t.Fatalf("class = %s, want %s (err %v)", fe.Class, class, err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Fatalf("error text carries the API token: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
