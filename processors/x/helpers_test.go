package x

import (
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

// testToken is distinctive so a leak into an error message is easy to
// find.
const testToken = "x-sentinel-bearer-4f1c9a7e-2b8d-4e6f-9a0c-1d3e5f7a9b2c"

// fakeAPI answers by path, insists on the bearer token, Accept and
// User-Agent, and keeps every query it got.
type fakeAPI struct {
	*httptest.Server
	mu      sync.Mutex
	queries []string
}

func newFakeAPI(t *testing.T, routes map[string]http.HandlerFunc) *fakeAPI {
	t.Helper()
	f := &fakeAPI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.queries = append(f.queries, r.URL.Path+"?"+r.URL.RawQuery)
		f.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+testToken || r.Header.Get("Accept") != "application/json" ||
			!strings.HasPrefix(r.UserAgent(), "leadgen/") {
			t.Errorf("request %s lacks the bearer token, Accept or User-Agent: %v", r.URL.Path, r.Header)
		}
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		body(404, `{"title":"Not Found Error","type":"about:blank"}`)(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) got() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.queries...)
}

func file(t *testing.T, status int, name string, headers ...string) http.HandlerFunc {
	return body(status, fixture(t, name), headers...)
}

// body answers status and text, with header name/value pairs.
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

func newTestClient(t *testing.T, baseURL string, tweak func(*Config)) *Client {
	t.Helper()
	cfg := Config{BearerToken: testToken, Settings: apihttp.Settings{BaseURL: baseURL}}
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

func request(name, domain string) *schemas.CompanyRequest {
	r := &schemas.CompanyRequest{RequestID: "r1", CompanyName: name}
	if domain != "" {
		r.Domain = &domain
	}
	return r
}

// wantClass fails unless err is a *failure.Error of class whose text is
// free of the token.
func wantClass(t *testing.T, err error, class failure.Class) {
	t.Helper()
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Class != class {
		t.Fatalf("err = %v, want class %s", err, class)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Fatalf("error text carries the bearer token: %v", err)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
