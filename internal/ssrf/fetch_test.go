package ssrf

import (
	"context"
	"errors"
	"fmt"
	"github.com/leadgen/leadgen/internal/dnstest"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	dny "code.dny.dev/ssrf"
)

// target is a loopback test server that counts the requests it gets.
type target struct {
	*httptest.Server
	hits atomic.Int32
}

func newTarget(t *testing.T, h http.HandlerFunc) *target {
	t.Helper()
	tg := &target{}
	tg.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tg.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(tg.Close)
	return tg
}

func (tg *target) hostPort() string { return strings.TrimPrefix(tg.URL, "http://") }

func (tg *target) port(t *testing.T) uint16 {
	t.Helper()
	_, p, _ := net.SplitHostPort(tg.hostPort())
	n, err := strconv.ParseUint(p, 10, 16)
	if err != nil {
		t.Fatal(err)
	}
	return uint16(n)
}

func ok(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>ok</html>")) }

func redirectTo(loc string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, loc, http.StatusFound) }
}

func newFetcher(t *testing.T, cfg Config) *Fetcher {
	t.Helper()
	f, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestADialToANameThatResolvesToLoopbackIsRefused(t *testing.T) {
	tg := newTarget(t, ok)
	port := tg.port(t)
	tests := []struct {
		name, host string
		resolver   *net.Resolver
	}{
		{"localhost from the hosts file is refused at dial time", "localhost", nil},
		{"a public-looking name whose DNS answer is 127.0.0.1 is refused at dial time", "intranet.rebind.test",
			dnstest.Resolver(t, map[string]netip.Addr{"intranet.rebind.test.": netip.MustParseAddr("127.0.0.1")})},
		{"a name whose DNS answer is ::1 is refused at dial time", "six.rebind.test",
			dnstest.Resolver(t, map[string]netip.Addr{"six.rebind.test.": netip.MustParseAddr("::1")})},
		{"a name whose DNS answer is an RFC 1918 address is refused before any packet is sent", "lan.rebind.test",
			dnstest.Resolver(t, map[string]netip.Addr{"lan.rebind.test.": netip.MustParseAddr("10.0.0.1")})},
		{"a name whose DNS answer is the metadata address is refused", "meta.rebind.test",
			dnstest.Resolver(t, map[string]netip.Addr{"meta.rebind.test.": netip.MustParseAddr("169.254.169.254")})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFetcher(t, Config{Ports: []uint16{port}, Resolver: tt.resolver})
			_, err := f.Get(context.Background(), mustURL(t, fmt.Sprintf("http://%s:%d/", tt.host, port)), nil)
			if !errors.Is(err, ErrRefused) || !errors.Is(err, dny.ErrProhibitedIP) {
				t.Fatalf("Get = %v, want ErrRefused for the resolved address", err)
			}
			if tg.hits.Load() != 0 {
				t.Fatalf("the loopback server got %d requests, want none", tg.hits.Load())
			}
		})
	}
}

func TestTheSameNameIsFetchedWhenItsHostPortIsExempt(t *testing.T) {
	tg := newTarget(t, ok)
	f := newFetcher(t, Config{Exempt: []string{tg.hostPort()}})
	page, err := f.Get(context.Background(), mustURL(t, tg.URL+"/"), nil)
	if err != nil || page.Status != 200 || string(page.Body) != "<html>ok</html>" {
		t.Fatalf("Get = %+v, %v, want the page", page, err)
	}
}

func TestRedirectsAreCheckedAgain(t *testing.T) {
	inner := newTarget(t, ok)
	tests := []struct {
		name, location string
		want           error
	}{
		{"a redirect to an RFC 1918 address is refused", "http://10.0.0.1/", ErrRefused},
		{"a redirect to 192.168/16 is refused", "https://192.168.0.1/admin", ErrRefused},
		{"a redirect to the metadata address is refused", "http://169.254.169.254/latest/meta-data/", ErrRefused},
		{"a redirect to IPv6 loopback is refused", "http://[::1]/", ErrRefused},
		{"a redirect to the IPv6 metadata address is refused", "http://[fd00:ec2::254]/", ErrRefused},
		{"a redirect to a mapped loopback address is refused", "http://[::ffff:127.0.0.1]/", ErrRefused},
		{"a redirect to localhost is refused", "http://localhost:" + strconv.Itoa(int(inner.port(t))) + "/", ErrRefused},
		{"a redirect to a name that resolves to loopback is refused at dial time", "http://loop.rebind.test:" + strconv.Itoa(int(inner.port(t))) + "/", dny.ErrProhibitedIP},
		{"a redirect to file:// is refused", "file:///etc/passwd", ErrRefused},
		{"a redirect to ftp:// is refused", "ftp://files.example/secret", ErrRefused},
		{"a redirect to a port the guard does not admit is refused", "http://www.acme.example:8080/", ErrRefused},
		{"a redirect to a host with user info tricks is refused", "http://user@[::1]/", ErrRefused},
	}
	resolver := dnstest.Resolver(t, map[string]netip.Addr{"loop.rebind.test.": netip.MustParseAddr("127.0.0.1")})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := newTarget(t, redirectTo(tt.location))
			f := newFetcher(t, Config{Exempt: []string{start.hostPort()}, Ports: []uint16{80, 443, inner.port(t)}, Resolver: resolver})
			_, err := f.Get(context.Background(), mustURL(t, start.URL+"/"), nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
			if inner.hits.Load() != 0 {
				t.Fatalf("the loopback server behind the redirect got %d requests", inner.hits.Load())
			}
		})
	}
}

func TestCheckRedirectNarrowsTheGuardButNeverWidensIt(t *testing.T) {
	errDowngrade := errors.New("no plain http")
	noHTTP := func(req *http.Request) error {
		if req.URL.Scheme == "http" {
			return errDowngrade
		}
		return nil
	}
	admitAll := func(*http.Request) error { return nil }
	tests := []struct {
		name, location string
		check          func(*http.Request) error
		want           error
	}{
		{"a redirect the caller refuses fails with the caller's error", "http://www.acme.example/", noHTTP, errDowngrade},
		{"a redirect the guard refuses stays refused whatever the caller says", "http://10.0.0.1/", admitAll, ErrRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := newTarget(t, redirectTo(tt.location))
			f := newFetcher(t, Config{Exempt: []string{start.hostPort()}, CheckRedirect: tt.check})
			if _, err := f.Get(context.Background(), mustURL(t, start.URL+"/"), nil); !errors.Is(err, tt.want) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestAtMostThreeRedirectsAreFollowed(t *testing.T) {
	tg := newTarget(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n == 0 {
			ok(w, r)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusMovedPermanently)
	})
	tests := []struct {
		name string
		hops int
		want error
	}{
		{"a page three redirects away is fetched", 3, nil},
		{"a page four redirects away is refused", 4, ErrTooManyRedirects},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFetcher(t, Config{Exempt: []string{tg.hostPort()}})
			page, err := f.Get(context.Background(), mustURL(t, tg.URL+"/hop/"+strconv.Itoa(tt.hops)), nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
			if err == nil && page.URL.Path != "/hop/0" {
				t.Fatalf("page URL = %s, want the last hop", page.URL)
			}
		})
	}
}

func TestTheBodyIsCappedAtTwoMebibytes(t *testing.T) {
	tests := []struct {
		name string
		size int
		want error
	}{
		{"a body of exactly 2 MiB is read", MaxBody, nil},
		{"a body one byte over 2 MiB is refused", MaxBody + 1, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := newTarget(t, func(w http.ResponseWriter, _ *http.Request) {
				_, _ = w.Write([]byte(strings.Repeat("a", tt.size)))
			})
			f := newFetcher(t, Config{Exempt: []string{tg.hostPort()}})
			page, err := f.Get(context.Background(), mustURL(t, tg.URL+"/"), nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
			if err == nil && len(page.Body) != tt.size {
				t.Fatalf("body = %d bytes, want %d", len(page.Body), tt.size)
			}
		})
	}
}

func TestOnlyHTTPAndHTTPSAreFetched(t *testing.T) {
	f := newFetcher(t, Config{})
	for _, raw := range []string{"file:///etc/passwd", "ftp://acme.example/", "gopher://acme.example/"} {
		if _, err := f.Get(context.Background(), mustURL(t, raw), nil); !errors.Is(err, ErrRefused) {
			t.Fatalf("Get(%s) = %v, want ErrRefused", raw, err)
		}
	}
}

func TestAFetchThatOutlivesItsTimeoutFails(t *testing.T) {
	tg := newTarget(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	f := newFetcher(t, Config{Exempt: []string{tg.hostPort()}, Timeout: 20 * time.Millisecond})
	_, err := f.Get(context.Background(), mustURL(t, tg.URL+"/"), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("Get = %v, want a timeout", err)
		}
	}
}

func TestTheDefaultsAreTheLimitsAndNoProxy(t *testing.T) {
	f := newFetcher(t, Config{})
	tr := f.client.Transport.(*http.Transport)
	if tr.Proxy != nil {
		t.Fatal("the transport takes a proxy from the environment")
	}
	if f.timeout != MaxTimeout || f.client.Timeout != MaxTimeout || f.maxBody != MaxBody {
		t.Fatalf("timeout %s / %s, max body %d, want %s and %d", f.timeout, f.client.Timeout, f.maxBody, MaxTimeout, MaxBody)
	}
}

func TestSettingsAboveTheLimitsAreRefused(t *testing.T) {
	for _, cfg := range []Config{{Timeout: MaxTimeout + time.Second}, {MaxBody: MaxBody + 1}, {Timeout: -1}} {
		if _, err := New(cfg); err == nil {
			t.Fatalf("New(%+v) = nil error", cfg)
		}
	}
}
