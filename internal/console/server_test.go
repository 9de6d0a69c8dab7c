package console

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/topics"
)

// newTestServer serves a console on a real embedded broker.
func newTestServer(t *testing.T, cfg Config) *httptest.Server {
	t.Helper()
	cfg.Opts, cfg.Names = embeddedtest.Opts(t), topics.Names{}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestTheTokenIsRequiredOnEveryPage(t *testing.T) {
	ts := newTestServer(t, Config{Token: "s3cret"})
	cases := []struct {
		name string
		set  func(*http.Request)
		want int
	}{
		{"no token is refused", func(*http.Request) {}, http.StatusUnauthorized},
		{"a wrong bearer token is refused", func(r *http.Request) { r.Header.Set("Authorization", "Bearer nope") }, http.StatusUnauthorized},
		{"a wrong basic password is refused", func(r *http.Request) { r.SetBasicAuth("ops", "nope") }, http.StatusUnauthorized},
		{"the right bearer token is let in", func(r *http.Request) { r.Header.Set("Authorization", "Bearer s3cret") }, http.StatusOK},
		{"the right basic password is let in", func(r *http.Request) { r.SetBasicAuth("ops", "s3cret") }, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+"/leads", nil)
			c.set(req)
			if code, body := do(t, req); code != c.want {
				t.Fatalf("GET /leads: %d, want %d\n%s", code, c.want, body)
			}
		})
	}
}

// replayForm is a POST of the replay form selecting letter 0/0, from site
// (a Sec-Fetch-Site value).
func replayForm(t *testing.T, ts *httptest.Server, site string) *http.Request {
	form := url.Values{"letter": {"0/0"}}.Encode()
	req, _ := http.NewRequestWithContext(t.Context(), "POST", ts.URL+"/dlq/replay", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", site)
	return req
}

func TestACrossOriginPostIsRefused(t *testing.T) {
	ts := newTestServer(t, Config{AllowReplay: true})
	req := replayForm(t, ts, "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	if code, body := do(t, req); code != http.StatusForbidden || !strings.Contains(body, "cross-origin") {
		t.Fatalf("cross-origin POST: %d %q, want 403 naming the cross-origin request", code, body)
	}
}

func TestReplayIsRefusedWithoutAllowReplay(t *testing.T) {
	ts := newTestServer(t, Config{})
	if code, body := do(t, replayForm(t, ts, "same-origin")); code != http.StatusForbidden || !strings.Contains(body, "--allow-replay") {
		t.Fatalf("replay on a read-only console: %d %q, want 403 naming --allow-replay", code, body)
	}
}

func TestEveryPageSetsAStrictContentSecurityPolicy(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, path := range []string{"/leads", "/providers", "/dlq", "/assets/htmx.min.js"} {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Security-Policy") != csp {
			t.Fatalf("GET %s: %d, CSP %q", path, resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
		}
	}
}
