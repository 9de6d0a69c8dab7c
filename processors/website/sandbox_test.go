package website

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// againstSandbox returns a client of a fresh sandbox whose websites have
// faults f, on a fake clock so a Crawl-delay costs no time.
func againstSandbox(t *testing.T, f sandbox.Faults) *Client {
	t.Helper()
	base := providertest.Sandbox(t, sandbox.ProviderWebsite, f) + sandbox.WebsitePrefix
	c, err := New(Config{SandboxURL: base, Timeout: providertest.CallTimeout(f, DefaultTimeout)})
	if err != nil {
		t.Fatal(err)
	}
	onClock(c, nil, newFakeClock())
	return c
}

// recordedSandbox serves a fresh sandbox through a recording site and
// returns it with a client configured by tweak, both on one fake clock.
func recordedSandbox(t *testing.T, tweak func(*Config)) (*sandbox.Server, *site, *Client) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	s := serveRecorded(t, srv)
	cfg := Config{SandboxURL: s.URL + sandbox.WebsitePrefix}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	onClock(c, s, newFakeClock())
	return srv, s, c
}

// sandboxSite is the first dataset company whose site fits.
func sandboxSite(t *testing.T, fits func(sandbox.Website) bool) sandbox.Company {
	t.Helper()
	for _, co := range sandbox.Companies() {
		if w, ok := sandbox.WebsiteOf(co); ok && fits(w) {
			return co
		}
	}
	t.Fatal("no sandbox site fits")
	return sandbox.Company{}
}

func TestTheSandboxMarksAHostThatDoesNotAnswerAsTheClientReadsIt(t *testing.T) {
	if SandboxUnreachable != sandbox.WebUnreachableHeader {
		t.Fatalf("SandboxUnreachable = %q, the sandbox sends %q", SandboxUnreachable, sandbox.WebUnreachableHeader)
	}
}

func TestEverySandboxSiteGivesItsOfficers(t *testing.T) {
	c := againstSandbox(t, sandbox.Faults{})
	for _, co := range sandbox.Companies() {
		res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
		if err != nil {
			t.Fatalf("%s: %v", co.Domain, err)
		}
		gives := sandbox.SiteGivesPeople(co, false)
		if (len(res.Executives) > 0) != gives {
			t.Fatalf("%s: %d people (%s, notes %q), want people %v", co.Domain, len(res.Executives), res.Status, notesOf(res), gives)
		}
		if !gives {
			wantWhy(t, co, res)
			continue
		}
		if res.Company == nil || res.Company.Name != sandbox.DisplayName(co) || res.Confidence != 1 {
			t.Fatalf("%s: company %+v, confidence %g; want %s at confidence 1", co.Domain, res.Company, res.Confidence, sandbox.DisplayName(co))
		}
		wantOfficers(t, co, res.Executives)
	}
}

// wantWhy checks that a sandbox site that gave no people says why when
// the reason is robots.txt or where the site answers.
func wantWhy(t *testing.T, co sandbox.Company, res *schemas.DiscoveryResult) {
	t.Helper()
	w, _ := sandbox.WebsiteOf(co)
	switch {
	case w.Layout == sandbox.LayoutHTTPOnly && !strings.Contains(notesOf(res), "answers nowhere"):
		t.Fatalf("%s: notes %q, want the site answering nowhere over https", co.Domain, notesOf(res))
	case w.Robots == sandbox.RobotsNoPeople && w.PeoplePage != "/" && w.PeoplePage != "/about" && w.PeoplePage != "" &&
		!strings.Contains(notesOf(res), "robots.txt of https://"):
		t.Fatalf("%s: notes %q, want robots.txt named as the reason", co.Domain, notesOf(res))
	}
}

// wantOfficers checks that the site's people are the company's individual
// officers, every current one among them, by first name and surname (a
// site writes "John R. Smith" for "SMITH, John Robert"), each with the
// page that named them.
func wantOfficers(t *testing.T, co sandbox.Company, execs []schemas.Executive) {
	t.Helper()
	officers, current := map[string]bool{}, map[string]bool{}
	for _, o := range co.Officers {
		if !strings.HasPrefix(o.Role, "corporate-") {
			officers[firstLast(o.Name)] = true
			current[firstLast(o.Name)] = current[firstLast(o.Name)] || o.ResignedOn == ""
		}
	}
	seen := map[string]bool{}
	for _, e := range execs {
		k := firstLast(e.Name)
		if !officers[k] || e.Role == "" || !strings.HasPrefix(deref(e.SourceRef), "http") {
			t.Fatalf("%s: executive %+v is not an officer with a role and a page", co.Domain, e)
		}
		seen[k] = true
	}
	for k, isCurrent := range current {
		if isCurrent && !seen[k] {
			t.Fatalf("%s: officer %q is missing from %q", co.Domain, k, names(execs))
		}
	}
}

func firstLast(name string) string {
	w := strings.Fields(people.Normalize(name))
	if len(w) == 0 {
		return ""
	}
	return w[0] + " " + w[len(w)-1]
}

func TestASandboxTeamPageRobotsTxtDisallowsIsNeverRequested(t *testing.T) {
	co := sandboxSite(t, func(w sandbox.Website) bool {
		return w.Robots == sandbox.RobotsNoPeople && w.PeoplePage == "/team" && w.Layout == sandbox.LayoutBoth
	})
	srv, _, c := recordedSandbox(t, nil)
	res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
	if err != nil {
		t.Fatal(err)
	}
	team := sandbox.WebsitePrefix + "/" + co.Domain + "/team"
	if n := srv.Calls(team); n != 0 {
		t.Fatalf("%s was requested %d times, though robots.txt disallows it", team, n)
	}
	if srv.Calls(sandbox.WebsitePrefix+"/"+co.Domain+"/robots.txt") != 1 || srv.Calls(sandbox.WebsitePrefix+"/"+co.Domain+"/about") != 1 {
		t.Fatal("robots.txt and the allowed pages were not each requested once")
	}
	want := "robots.txt of https://" + co.Domain + " disallows /team, /leadership for leadgen"
	if res.Status != schemas.StatusOK || len(res.Executives) != 0 || notesOf(res) != want {
		t.Fatalf("result = %s, %d people, notes %q; want OK (the company) without people, saying %q", res.Status, len(res.Executives), notesOf(res), want)
	}
}

func TestTheSandboxSiteWithACrawlDelayIsAskedAtThatPace(t *testing.T) {
	co := sandboxSite(t, func(w sandbox.Website) bool { return w.Robots == sandbox.RobotsSlow })
	_, s, c := recordedSandbox(t, nil)
	res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
	if err != nil || len(res.Executives) == 0 {
		t.Fatalf("Lookup = %+v, %v; want the people on /about", res, err)
	}
	prefix := sandbox.WebsitePrefix + "/" + co.Domain
	if got, want := s.requested(), []string{prefix + "/robots.txt", prefix + "/", prefix + "/about"}; !slices.Equal(got, want) {
		t.Fatalf("requested %q, want %q", got, want)
	}
	wantSpacing(t, s.requestTimes(), sandbox.SlowCrawlDelay*time.Second)
}

// wantSpacing checks that consecutive requests are exactly delay apart
// on the fake clock: never closer, and no longer wait than asked.
func wantSpacing(t *testing.T, times []time.Time, delay time.Duration) {
	t.Helper()
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap != delay {
			t.Fatalf("request %d came %s after the one before, want the crawl-delay %s", i, gap, delay)
		}
	}
}

func TestSandboxSitesAreFoundWhereTheyAnswer(t *testing.T) {
	tests := []struct {
		name      string
		layout    sandbox.SiteLayout
		allowHTTP bool
		first     string // the first page URL read, as the sandbox path
	}{
		{"a site only at www. is read there after the bare domain does not resolve", sandbox.LayoutWWWOnly, false, "/www.%s/"},
		{"a site whose bare domain redirects to www. is read through the redirect", sandbox.LayoutToWWW, false, "/%s/"},
		{"a site with no https on its bare domain is read at www. when http is not allowed", sandbox.LayoutHTTPEntry, false, "/www.%s/"},
		{"a site with no https on its bare domain follows its http redirect to https when http is allowed", sandbox.LayoutHTTPEntry, true, "/http/%s/"},
		{"a site only over plain http is read when http is allowed", sandbox.LayoutHTTPOnly, true, "/http/%s/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			co := sandboxSite(t, func(w sandbox.Website) bool {
				return w.Layout == tt.layout && w.PeoplePage == "/" && w.Robots != sandbox.RobotsSlow
			})
			srv, s, c := recordedSandbox(t, func(cfg *Config) { cfg.AllowHTTP = tt.allowHTTP })
			res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
			if err != nil || len(res.Executives) == 0 {
				t.Fatalf("Lookup = %+v, %v; want the people", res, err)
			}
			wantOfficers(t, co, res.Executives)
			if first := sandbox.WebsitePrefix + strings.ReplaceAll(tt.first, "%s", co.Domain); !slices.Contains(s.requested(), first) {
				t.Fatalf("requested %q, not %s", s.requested(), first)
			}
			if !tt.allowHTTP && srv.Calls(sandbox.WebsitePrefix+"/http/") != 0 {
				t.Fatal("plain http was requested though not allowed")
			}
		})
	}
}

func TestASandboxSiteOnlyOverHTTPIsNotFoundWhenHTTPIsNotAllowed(t *testing.T) {
	co := sandboxSite(t, func(w sandbox.Website) bool { return w.Layout == sandbox.LayoutHTTPOnly })
	srv, _, c := recordedSandbox(t, nil)
	res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
	if err != nil || res.Status != schemas.StatusNotFound || !strings.Contains(notesOf(res), "plain http not tried") {
		t.Fatalf("Lookup = %+v (%q), %v; want NOT_FOUND saying plain http was not tried", res, notesOf(res), err)
	}
	if srv.Calls(sandbox.WebsitePrefix+"/http/") != 0 {
		t.Fatal("plain http was requested though not allowed")
	}
}

func TestSandboxFaultsAreClassified(t *testing.T) {
	tests := []struct {
		name   string
		faults sandbox.Faults
		class  failure.Class
	}{
		{"an injected 503, on robots.txt first, is transient", sandbox.Faults{Status5xx: 1}, failure.Transient},
		{"an injected 429 is rate limited", sandbox.Faults{RateLimited: 1}, failure.RateLimited},
		{"a site refusing readers is permanent", sandbox.Faults{Unauthorized: 1}, failure.Permanent},
		{"a site that never answers is transient", sandbox.Faults{Timeout: 1}, failure.Transient},
		{"a page that trickles past the timeout is transient", sandbox.Faults{SlowBody: 1, Latency: time.Hour}, failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := againstSandbox(t, tt.faults).Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
			wantClass(t, err, tt.class)
		})
	}
}

func TestATruncatedPageIsReadAsFarAsItGoes(t *testing.T) {
	res, err := againstSandbox(t, sandbox.Faults{Malformed: 1}).Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	if err != nil || res == nil {
		t.Fatalf("Lookup = %v, %v; want a result, whatever the cut page still said", res, err)
	}
}
