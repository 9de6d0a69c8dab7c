package website

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// summary writes a page's facts as one line: "org Acme | Jane Doe
// (ceo); Sam Patel (cfo)".
func summary(f pageFacts) string {
	var b strings.Builder
	if f.org != nil {
		b.WriteString("org " + f.org.name)
	} else {
		b.WriteString("no org")
	}
	b.WriteString(" |")
	for i, p := range f.people {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s (%s)", p.name, p.role.title)
		if p.role.end != "" {
			b.WriteString(" until " + p.role.end)
		}
	}
	return b.String()
}

// page wraps JSON-LD blocks in a minimal HTML page.
func page(blocks ...string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>t</title>")
	for _, bl := range blocks {
		b.WriteString(`<script type="application/ld+json">` + bl + "</script>")
	}
	b.WriteString("</head><body><p>hello</p></body></html>")
	return b.String()
}

// site is an httptest server standing in for a sandbox: it serves pages
// by "/<host><path>" and counts the requests.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) requested() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// respond answers status with an HTML body.
func respond(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

func newClient(t *testing.T, s *site, tweak func(*Config)) *Client {
	t.Helper()
	cfg := Config{SandboxURL: s.URL}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := New(cfg)
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

func wantClass(t *testing.T, err error, class failure.Class) {
	t.Helper()
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Class != class {
		t.Fatalf("err = %v, want class %s", err, class)
	}
}

func names(execs []schemas.Executive) []string {
	out := make([]string, len(execs))
	for i, e := range execs {
		out[i] = e.Name + " (" + e.Role + ")"
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
