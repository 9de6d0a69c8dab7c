package website

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
// by "/<host><path>" (https) and "/http/<host><path>" (plain http), and
// records each request: its path, User-Agent and, when the client runs
// on a fakeClock, the time on that clock.
type site struct {
	*httptest.Server
	clock *fakeClock
	mu    sync.Mutex
	paths []string
	times []time.Time
	uas   []string
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	return serveRecorded(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}))
}

// serveRecorded serves h, recording every request, until the test ends.
func serveRecorded(t *testing.T, h http.Handler) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.record(r)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) record(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paths = append(s.paths, r.URL.Path)
	s.uas = append(s.uas, r.Header.Get("User-Agent"))
	if s.clock != nil {
		s.times = append(s.times, s.clock.Now())
	}
}

func (s *site) requested() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// requestTimes are the fake-clock times of the requests, in order.
func (s *site) requestTimes() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.times...)
}

func (s *site) userAgents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.uas...)
}

// noAnswer stands for a host that does not answer, as a sandbox says it:
// "nxdomain" or "refused".
func noAnswer(why string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set(SandboxUnreachable, why)
		w.WriteHeader(http.StatusBadGateway)
	}
}

// robots serves a robots.txt.
func robots(body string) http.HandlerFunc {
	return respond(200, body, "Content-Type", "text/plain")
}

// fakeClock is a clock turned by hand: Sleep moves it on at once.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.advance(d)
	return ctx.Err()
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
	}
}

// onClock runs the client on clock, and the site stamps its requests
// with it.
func onClock(c *Client, s *site, clock *fakeClock) {
	c.clock, c.sites = clock, newSites(clock)
	if s != nil {
		s.clock = clock
	}
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

// notesOf is a result's notes as one line; a result with notes must have
// no error, so one that has is shown as the error alone.
func notesOf(res *schemas.DiscoveryResult) string {
	if res.Error != nil {
		return "error: " + *res.Error
	}
	return strings.Join(res.Notes, "; ")
}
