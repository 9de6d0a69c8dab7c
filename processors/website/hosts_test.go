package website

import (
	"context"
	"crypto/x509"
	"errors"
	"github.com/leadgen/leadgen/internal/dnstest"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/leadgen/leadgen/schemas"
)

const www = "www." + domain

func TestTheSiteIsLookedForAtTheBareDomainThenWWW(t *testing.T) {
	tests := []struct {
		name      string
		host      string
		allowHTTP bool
		want      []string
	}{
		{"https only by default", domain, false, []string{"https://" + domain, "https://" + www}},
		{"each host over https, then http, when http is allowed", domain, true,
			[]string{"https://" + domain, "http://" + domain, "https://" + www, "http://" + www}},
		{"a www. domain is tried first, then the bare one", www, false, []string{"https://" + www, "https://" + domain}},
		{"a domain whose www. form would be too long is tried alone", strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 57) + ".uk", false,
			[]string{"https://" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 57) + ".uk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Client{cfg: Config{AllowHTTP: tt.allowHTTP}}
			var got []string
			for _, o := range c.origins(tt.host) {
				got = append(got, o.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("origins(%s) = %q, want %q", tt.host, got, tt.want)
			}
		})
	}
}

func TestASiteIsFoundWhereItAnswers(t *testing.T) {
	people := respond(200, fixture(t, "organization_graph.html"))
	tests := []struct {
		name      string
		routes    map[string]http.HandlerFunc
		allowHTTP bool
		ref       string // SourceRef of the first person
	}{
		{"a site only at www. yields its people", map[string]http.HandlerFunc{
			"/" + domain + "/robots.txt": noAnswer("nxdomain"), "/" + www + "/": people,
		}, false, "https://" + www + "/"},
		{"a site whose bare domain refuses connections is read at www.", map[string]http.HandlerFunc{
			"/" + domain + "/robots.txt": noAnswer("refused"), "/" + www + "/": people,
		}, false, "https://" + www + "/"},
		{"a site only over plain http yields its people when http is allowed", map[string]http.HandlerFunc{
			"/" + domain + "/robots.txt": noAnswer("refused"), "/http/" + domain + "/": people,
		}, true, "http://" + domain + "/"},
		{"a bare domain's http redirect to https at www. is followed", map[string]http.HandlerFunc{
			"/" + domain + "/robots.txt":      noAnswer("refused"),
			"/http/" + domain + "/robots.txt": redirect("https://" + www + "/robots.txt"),
			"/http/" + domain + "/":           redirect("https://" + www + "/"),
			"/" + www + "/":                   people,
		}, true, "https://" + www + "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, tt.routes)
			res, err := newClient(t, s, func(c *Config) { c.AllowHTTP = tt.allowHTTP }).Lookup(context.Background(), request("Acme Widgets", domain))
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != schemas.StatusOK || len(res.Executives) != 3 || deref(res.Executives[0].SourceRef) != tt.ref {
				t.Fatalf("result = %s, %q (first from %s); want the three people from %s", res.Status, names(res.Executives), deref(res.Executives[0].SourceRef), tt.ref)
			}
		})
	}
}

func TestADomainThatAnswersNowhereIsNotFound(t *testing.T) {
	tests := []struct {
		name   string
		routes map[string]http.HandlerFunc
		says   string
	}{
		{"neither host resolves", map[string]http.HandlerFunc{
			"/" + domain + "/robots.txt": noAnswer("nxdomain"), "/" + www + "/robots.txt": noAnswer("nxdomain"),
		}, "https://" + domain + " does not resolve; https://" + www + " does not resolve (plain http not tried: not allowed)"},
		{"one host does not resolve and the other refuses connections", map[string]http.HandlerFunc{
			"/" + domain + "/robots.txt": noAnswer("refused"), "/" + www + "/robots.txt": noAnswer("nxdomain"),
		}, "https://" + domain + " refuses connections; https://" + www + " does not resolve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, tt.routes)
			res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
			if err != nil || res.Status != schemas.StatusNotFound || !strings.Contains(notesOf(res), tt.says) {
				t.Fatalf("Lookup = %+v (%q), %v; want NOT_FOUND saying %q", res, notesOf(res), err, tt.says)
			}
			if len(s.requested()) != 2 {
				t.Fatalf("requested %q, want each host's robots.txt once", s.requested())
			}
		})
	}
}

func TestAFailureAtTheBareDomainThatIsNotAbsenceEndsTheLookup(t *testing.T) {
	tests := []struct {
		name  string
		robot http.HandlerFunc
		class failure.Class
	}{
		{"a timeout is transient", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, failure.Transient},
		{"a 5xx is transient", respond(502, "bad gateway"), failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, map[string]http.HandlerFunc{"/" + domain + "/robots.txt": tt.robot})
			_, err := newClient(t, s, func(c *Config) { c.Timeout = 50 * time.Millisecond }).Lookup(context.Background(), request("Acme Widgets", domain))
			wantClass(t, err, tt.class)
			if got := s.requested(); !slices.Equal(got, []string{"/" + domain + "/robots.txt"}) {
				t.Fatalf("requested %q, want the bare domain's robots.txt only", got)
			}
		})
	}
}

func TestACertificateNotValidAnywhereIsPermanent(t *testing.T) {
	l := &lookup{host: domain, c: &Client{cfg: Config{Pages: DefaultPages}}}
	_, err := l.unlocated(&nowhere{tried: []missed{
		{origin{"https", domain}, x509.HostnameError{Certificate: &x509.Certificate{}, Host: domain}},
		{origin{"https", www}, &net.DNSError{Err: "no such host", Name: www, IsNotFound: true}},
	}})
	wantClass(t, err, failure.Permanent)
}

func TestTheGuardRefusesAWWWHostThatResolvesToAPrivateAddress(t *testing.T) {
	for _, addr := range []string{"10.0.0.1", "127.0.0.1", "169.254.169.254"} {
		t.Run(addr, func(t *testing.T) {
			c, err := New(Config{resolver: dnstest.Resolver(t, map[string]netip.Addr{www + ".": netip.MustParseAddr(addr)})})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Lookup(context.Background(), request("Acme Widgets", domain))
			wantClass(t, err, failure.Permanent)
			if !errors.Is(err, ssrf.ErrRefused) {
				t.Fatalf("err = %v, want the guard's refusal", err)
			}
		})
	}
}

func TestARedirectToPlainHTTPIsRefusedUnlessAllowed(t *testing.T) {
	routes := map[string]http.HandlerFunc{
		"/" + domain + "/":          redirect("http://" + domain + "/home"),
		"/http/" + domain + "/home": respond(200, fixture(t, "organization_graph.html")),
	}
	_, err := newClient(t, newSite(t, routes), nil).Lookup(context.Background(), request("Acme Widgets", domain))
	wantClass(t, err, failure.Permanent)
	res, err := newClient(t, newSite(t, routes), func(c *Config) { c.AllowHTTP = true }).Lookup(context.Background(), request("Acme Widgets", domain))
	if err != nil || len(res.Executives) != 3 {
		t.Fatalf("with http allowed: %+v, %v; want the people", res, err)
	}
}
