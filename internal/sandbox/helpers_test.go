package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// testKey is an ordinary, accepted Companies House key.
const testKey = "sandbox-test-key"

func newServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("new sandbox: %v", err)
	}
	return s
}

// get calls the handler in process; key "" sends no credentials.
func get(t *testing.T, h http.Handler, target, key string) *httptest.ResponseRecorder {
	t.Helper()
	return getCtx(t, context.Background(), h, target, key)
}

func getCtx(t *testing.T, ctx context.Context, h http.Handler, target, key string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if key != "" {
		req.SetBasicAuth(key, "")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
	return v
}

func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, want, rec.Body.String())
	}
}

func wantBody(t *testing.T, rec *httptest.ResponseRecorder, want string) {
	t.Helper()
	if got := strings.TrimSpace(rec.Body.String()); got != want {
		t.Fatalf("body = %s, want %s", got, want)
	}
}

func newRecorder(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func urlQuery(s string) string { return url.QueryEscape(s) }

// companyWithOfficers returns a dataset company with at least n officers.
func companyWithOfficers(t *testing.T, n int) Company {
	t.Helper()
	for _, c := range Companies() {
		if len(c.Officers) >= n {
			return c
		}
	}
	t.Fatalf("no company has %d officers", n)
	return Company{}
}
