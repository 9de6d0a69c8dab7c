package website

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/leadgen/leadgen/schemas"
)

const domain = "acme-widgets.example"

func TestLookupReadsTheFixtureSite(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/" + domain + "/": respond(200, fixture(t, "organization_graph.html"))})
	res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets Ltd", domain))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Jane Doe (Chief Executive Officer)", "Sam Patel (Chief Financial Officer)", "Alice Brown (Non-Executive Chair)"}
	if res.Status != schemas.StatusOK || !slices.Equal(names(res.Executives), want) {
		t.Fatalf("result = %s %q, want OK %q", res.Status, names(res.Executives), want)
	}
	if res.Provider != ProviderName || res.Layer != schemas.LayerPrimary || res.APICalls != 2 || res.Confidence != 1 {
		t.Fatalf("result = %+v, want robots.txt and one page read with confidence 1", res)
	}
	e := res.Executives[0]
	if e.NormalizedName != "jane doe" || deref(e.SourceRef) != "https://"+domain+"/" || !slices.Equal(e.Sources, []string{"website"}) || e.Confidence != 1 {
		t.Fatalf("first executive = %+v", e)
	}
	if c := res.Company; c == nil || c.Name != "Acme Widgets" || deref(c.Website) != "https://www.acme-widgets.example/" {
		t.Fatalf("company = %+v", res.Company)
	}
	if got := s.requested(); !slices.Equal(got, []string{"/" + domain + "/robots.txt", "/" + domain + "/"}) {
		t.Fatalf("requested %q, want robots.txt and the home page", got)
	}
}

func TestLookupReadsPagesInOrderUntilOneNamesPeople(t *testing.T) {
	home := page(`{"@type":"Organization","name":"Acme Widgets","url":"https://acme-widgets.example/"}`)
	team := page(`{"@type":"Person","name":"Dr John R. Smith","jobTitle":"Managing Director"}`)
	s := newSite(t, map[string]http.HandlerFunc{
		"/" + domain + "/":           respond(200, home),
		"/" + domain + "/team":       respond(200, team),
		"/" + domain + "/leadership": respond(200, page(`{"@type":"Person","name":"Never Read"}`)),
	})
	res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.Executives); !slices.Equal(got, []string{"John R. Smith (Managing Director)"}) {
		t.Fatalf("executives = %q", got)
	}
	if e := res.Executives[0]; e.NormalizedName != "john r smith" || deref(e.SourceRef) != "https://"+domain+"/team" {
		t.Fatalf("executive = %+v", e)
	}
	wantPaths := []string{"/" + domain + "/robots.txt", "/" + domain + "/", "/" + domain + "/about", "/" + domain + "/team"}
	if got := s.requested(); !slices.Equal(got, wantPaths) || res.APICalls != 4 {
		t.Fatalf("requested %q (%d calls), want %q", got, res.APICalls, wantPaths)
	}
}

func TestLookupOutcomes(t *testing.T) {
	org := page(`{"@type":"Organization","name":"Acme Widgets"}`)
	tests := []struct {
		name   string
		routes map[string]http.HandlerFunc
		status schemas.Status
		class  failure.Class // for an error
		calls  int           // robots.txt included
	}{
		{"a site without JSON-LD is not found after reading every page",
			map[string]http.HandlerFunc{"/" + domain + "/": respond(200, "<html><body>Welcome</body></html>")}, schemas.StatusNotFound, "", 5},
		{"a site whose every page is missing is not found", nil, schemas.StatusNotFound, "", 5},
		{"a home page answering 503 is transient",
			map[string]http.HandlerFunc{"/" + domain + "/": respond(503, "down")}, "", failure.Transient, 1},
		{"a home page answering 403 to readers is permanent",
			map[string]http.HandlerFunc{"/" + domain + "/": respond(403, "go away")}, "", failure.Permanent, 1},
		{"a failing later page keeps what the earlier pages said",
			map[string]http.HandlerFunc{"/" + domain + "/": respond(200, org), "/" + domain + "/about": respond(500, "oops")}, schemas.StatusOK, "", 3},
		{"a page that is not HTML is skipped",
			map[string]http.HandlerFunc{"/" + domain + "/": respond(200, org, "Content-Type", "application/pdf")}, schemas.StatusNotFound, "", 5},
		{"a home page larger than 2 MiB is permanent",
			map[string]http.HandlerFunc{"/" + domain + "/": respond(200, strings.Repeat("x", ssrf.MaxBody+1))}, "", failure.Permanent, 1},
		{"a redirect to a private address is permanent",
			map[string]http.HandlerFunc{"/" + domain + "/": redirect("http://10.0.0.1/")}, "", failure.Permanent, 1},
		{"a redirect to the metadata address is permanent",
			map[string]http.HandlerFunc{"/" + domain + "/": redirect("http://169.254.169.254/latest/meta-data/")}, "", failure.Permanent, 1},
		{"a redirect to a file is permanent",
			map[string]http.HandlerFunc{"/" + domain + "/": redirect("file:///etc/passwd")}, "", failure.Permanent, 1},
		{"a redirect loop is permanent",
			map[string]http.HandlerFunc{"/" + domain + "/": redirect("/")}, "", failure.Permanent, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, tt.routes)
			res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
			if tt.class != "" {
				wantClass(t, err, tt.class)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.status || int(res.APICalls) != tt.calls {
				t.Fatalf("result = %s after %d calls, want %s after %d", res.Status, res.APICalls, tt.status, tt.calls)
			}
		})
	}
}

func TestA429WaitsAsTheSiteAsks(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/" + domain + "/": respond(429, "slow down", "Retry-After", "120")})
	_, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
	wantClass(t, err, failure.RateLimited)
	if got := failure.RetryAfterOf(err); got != 2*time.Minute {
		t.Fatalf("RetryAfter = %s, want 2m", got)
	}
}

func TestARedirectToTheWWWHostIsFollowedAndReported(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/" + domain + "/":     redirect("https://www." + domain + "/"),
		"/www." + domain + "/": respond(200, fixture(t, "organization_graph.html")),
	})
	res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Executives) != 3 || deref(res.Executives[0].SourceRef) != "https://www."+domain+"/" {
		t.Fatalf("executives = %+v, want three from the www page", res.Executives)
	}
}

func TestAHangingSiteTimesOutAsTransient(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/" + domain + "/": func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }})
	c := newClient(t, s, func(c *Config) { c.Timeout = 20 * time.Millisecond })
	_, err := c.Lookup(context.Background(), request("Acme Widgets", domain))
	wantClass(t, err, failure.Transient)
}

func TestARequestWithoutADomainIsNotFound(t *testing.T) {
	s := newSite(t, nil)
	for _, d := range []string{"", "   "} {
		res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", d))
		if err != nil || res.Status != schemas.StatusNotFound || notesOf(res) != "request has no domain" || res.APICalls != 0 {
			t.Fatalf("Lookup(%q) = %+v, %v, want NOT_FOUND: request has no domain", d, res, err)
		}
	}
	if len(s.requested()) != 0 {
		t.Fatal("a request without a domain fetched something")
	}
}

func TestADomainThatIsNotAHostNameIsPermanentAndNeverFetched(t *testing.T) {
	s := newSite(t, nil)
	for _, d := range []string{"https://acme.example", "acme.example/team", "acme.example:8080", "user@acme.example",
		"127.0.0.1", "[::1]", "localhost", "acme.example/../../etc"} {
		_, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme", d))
		wantClass(t, err, failure.Permanent)
	}
	if len(s.requested()) != 0 {
		t.Fatalf("fetched %q for domains that are not host names", s.requested())
	}
}

func TestAnUnknownDomainIsNotFound(t *testing.T) {
	l := &lookup{host: "no-such-host.example", c: &Client{}}
	res, err := l.failed(&net.DNSError{Err: "no such host", Name: l.host, IsNotFound: true})
	if err != nil || res.Status != schemas.StatusNotFound || !strings.Contains(notesOf(res), "does not resolve") {
		t.Fatalf("failed = %+v, %v, want NOT_FOUND", res, err)
	}
}

func TestTheDefaultClientHasNoGuardException(t *testing.T) {
	fc := fetcherConfig(Config{})
	if fc.Exempt != nil || fc.Wrap != nil {
		t.Fatalf("default fetcher config %+v lifts the guard", fc)
	}
	sb := fetcherConfig(Config{SandboxURL: "http://127.0.0.1:8081/website"})
	if !slices.Equal(sb.Exempt, []string{"127.0.0.1:8081"}) {
		t.Fatalf("sandbox exemption = %q, want exactly the sandbox's host:port", sb.Exempt)
	}
}

func TestConfigValidation(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"a timeout above ten seconds is refused", Config{Timeout: 11 * time.Second}},
		{"more than four pages are refused", Config{Pages: []string{"/", "/a", "/b", "/c", "/d"}}},
		{"a page that is a URL is refused", Config{Pages: []string{"https://evil.example/"}}},
		{"a negative cost is refused", Config{CostPerCall: -1}},
		{"a sandbox URL without a scheme is refused", Config{SandboxURL: "127.0.0.1:8081"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg); err == nil {
				t.Fatalf("New(%+v) = nil error", tt.cfg)
			}
		})
	}
}

func redirect(loc string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, loc, http.StatusFound) }
}
