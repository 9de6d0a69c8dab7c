// Package providertest holds the test scaffolding the provider clients
// share: a sandbox to run a client against, and a fuzz suite for an API's
// answer classifier. Only tests import it.
package providertest

import (
	"errors"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// Sandbox serves a fresh sandbox whose API of provider (a
// sandbox.Provider* name) has faults f, until the test ends, and returns
// the sandbox's root URL; the client's base URL is that plus the API's
// prefix.
func Sandbox(t testing.TB, provider string, f sandbox.Faults) string {
	t.Helper()
	return SandboxWith(t, sandbox.Config{Faults: map[string]sandbox.Faults{provider: f}})
}

// SandboxWith serves a fresh sandbox configured by cfg, logging nowhere,
// until the test ends, and returns its root URL.
func SandboxWith(t testing.TB, cfg sandbox.Config) string {
	t.Helper()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

// CompaniesHouse serves a sandbox whose Companies House API has faults f
// and returns the API's root, for the providers that call it with the
// companies_house key.
func CompaniesHouse(t testing.TB, f sandbox.Faults) string {
	t.Helper()
	return Sandbox(t, sandbox.ProviderCompaniesHouse, f) + sandbox.CompaniesHousePrefix
}

// CallTimeout is short for faults that hold a call, so those tests end
// quickly, and def otherwise, so a loaded machine never turns an answer
// into a timeout.
func CallTimeout(f sandbox.Faults, def time.Duration) time.Duration {
	if f.Timeout > 0 || f.SlowBody > 0 {
		return 50 * time.Millisecond
	}
	return def
}

// ClassifyFunc is a provider's exported Classify: nil for a usable
// answer, else a *failure.Error.
type ClassifyFunc func(status int, header http.Header, body []byte) error

// KnownClasses are the classes a classifier may answer.
var KnownClasses = []failure.Class{failure.Transient, failure.RateLimited, failure.Auth, failure.Permanent,
	failure.NotFound, failure.BadResponse}

// rateLimitHeaders are the headers the APIs' classifiers read; the fuzzed
// header value is sent in each.
var rateLimitHeaders = []string{"X-Rate-Limit-Reset", "X-Business-Use-Case-Usage", "Retry-After"}

// FuzzClassify fuzzes classify with every testdata/*.json answer at a few
// statuses, a few malformed answers and the caller's own f.Add seeds. It
// checks that every answer, however malformed, is usable or classified,
// asks for no negative wait, and quotes the API briefly: the API's
// message is cut at maxAPIMessage bytes, and the rest is a short prefix.
func FuzzClassify(f *testing.F, classify ClassifyFunc, maxAPIMessage int) {
	addTestdata(f)
	f.Add(200, "", []byte("<html>busy</html>"))
	f.Add(429, "99999999999999999999", []byte("{}"))
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		h := http.Header{}
		for _, name := range rateLimitHeaders {
			h.Set(name, header)
		}
		checkClassified(t, status, classify(status, h, body), maxAPIMessage+100)
	})
}

// addTestdata seeds f with every testdata/*.json answer at a few
// statuses.
func addTestdata(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, status := range []int{200, 400, 429, 503} {
			f.Add(status, "", b)
		}
	}
}

// checkClassified fails unless err, a classifier's reading of an answer
// of status, is nil for a 2xx only, else a known class asking for no
// negative wait, in at most maxMessage bytes.
func checkClassified(t *testing.T, status int, err error, maxMessage int) {
	t.Helper()
	if err == nil {
		if status < 200 || status > 299 {
			t.Fatalf("http %d is usable", status)
		}
		return
	}
	var fe *failure.Error
	if !errors.As(err, &fe) || !slices.Contains(KnownClasses, fe.Class) {
		t.Fatalf("error %v is not classified", err)
	}
	if fe.RetryAfter < 0 {
		t.Fatalf("%s asks to wait %v", err, fe.RetryAfter)
	}
	if len(err.Error()) > maxMessage {
		t.Fatalf("error of %d bytes quotes too much: %.80s...", len(err.Error()), err)
	}
}

// Sendable maps a fuzzed status and header onto ones net/http will send
// (a status within 200..599, a header without CR, LF or NUL), so every
// fuzz input is run rather than skipped.
func Sendable(status int, header string) (int, string) {
	if status < 200 || status > 599 {
		status = 200 + int(uint(status)%400)
	}
	return status, strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == 0 {
			return -1
		}
		return r
	}, header)
}

// CheckOutcome asserts what any lookup must end in: a result the worker
// of provider can encode, with confidences within 0..1, or a classified
// error asking for no negative wait and free of secret (as is and
// query-escaped). The provider's name is handed in: this package sits
// below the providers and keeps no list of them.
func CheckOutcome(t *testing.T, provider string, r *schemas.DiscoveryResult, err error, secret string) {
	t.Helper()
	if err != nil {
		var fe *failure.Error
		if !errors.As(err, &fe) || !slices.Contains(KnownClasses, fe.Class) || fe.RetryAfter < 0 {
			t.Fatalf("error %v is not classified (class %q)", err, failure.ClassOf(err))
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), url.QueryEscape(secret)) {
			t.Fatalf("error carries the credential: %v", err)
		}
		return
	}
	if r == nil || (r.Status != schemas.StatusOK && r.Status != schemas.StatusNotFound) {
		t.Fatalf("result %+v", r)
	}
	checkConfidence(t, "result", r.Confidence)
	for _, x := range r.Executives {
		checkConfidence(t, x.Name, x.Confidence)
	}
	r.RequestID, r.Provider, r.FetchedAt = "r1", provider, time.Unix(1_700_000_000, 0).UTC()
	if _, err := schemas.EncodeDiscoveryResult(r); err != nil {
		t.Fatalf("the worker could not write the result: %v", err)
	}
}

func checkConfidence(t *testing.T, what string, c float64) {
	t.Helper()
	if math.IsNaN(c) || c < 0 || c > 1 {
		t.Fatalf("confidence of %s is %v", what, c)
	}
}
