package companieshouse

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// testKey is distinctive so a leak into an error message is easy to find.
const testKey = "ch-test-3f1e8c2a-9d4b-4c7e-b1a0-5e6f7a8b9c0d"

// testNow is the fixed clock of every test client.
var testNow = time.Unix(1_750_000_000, 0)

// fakeAPI is an httptest server answering fixture bodies per path; it
// insists on the client's auth and headers and counts calls per path.
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
		if key, pass, ok := r.BasicAuth(); !ok || key != testKey || pass != "" ||
			r.Header.Get("Accept") != "application/json" || !strings.HasPrefix(r.UserAgent(), "leadgen/") {
			t.Errorf("request %s lacks basic auth, Accept or User-Agent: %v", r.URL, r.Header)
		}
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		body(404, `{"errors":[{"type":"ch:service","error":"company-profile-not-found"}]}`)(w, r)
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

func (f *fakeAPI) callsTo(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[path]
}

// fixtureRoutes serves the Companies House fixtures for 12345678; a
// search for anything but "acme" or that number finds nothing.
func fixtureRoutes(t *testing.T) map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"/search/companies": func(w http.ResponseWriter, r *http.Request) {
			if q := strings.ToLower(r.URL.Query().Get("q")); strings.Contains(q, "acme") || q == "12345678" {
				file(t, 200, "search_companies.json")(w, r)
				return
			}
			body(200, `{"items":[],"kind":"search#companies","total_results":0}`)(w, r)
		},
		"/company/12345678":                                  file(t, 200, "company_profile.json"),
		"/company/12345678/officers":                         file(t, 200, "officers.json"),
		"/company/12345678/persons-with-significant-control": file(t, 200, "persons_with_significant_control.json"),
	}
}

func file(t *testing.T, status int, name string) http.HandlerFunc {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return body(status, string(b))
}

func body(status int, text string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(text))
	}
}

func newTestClient(t *testing.T, baseURL string, tweak func(*Config)) *Client {
	t.Helper()
	cfg := Config{APIKey: testKey, Settings: apihttp.Settings{BaseURL: baseURL}}
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

// wantClass fails unless err is of class and its text is free of the key.
func wantClass(t *testing.T, err error, class failure.Class) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want %s", class)
	}
	if got := failure.ClassOf(err); got != class {
		t.Fatalf("class = %s, want %s (err %v)", got, class, err)
	}
	var fe *failure.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err %v is not a *failure.Error", err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Fatalf("error text carries the API key: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
