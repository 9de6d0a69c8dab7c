package website

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// sitePath is a page of the test domain as the site helper serves it.
func sitePath(path string) string { return "/" + domain + path }

// nobodyHere is a site whose home page names the company and nobody, so
// a lookup goes on to every page robots.txt lets it read.
func nobodyHere(robotsTxt http.HandlerFunc, more map[string]http.HandlerFunc) map[string]http.HandlerFunc {
	routes := map[string]http.HandlerFunc{
		sitePath("/"): respond(200, page(`{"@type":"Organization","name":"Acme Widgets"}`)),
	}
	if robotsTxt != nil {
		routes[sitePath("/robots.txt")] = robotsTxt
	}
	for k, v := range more {
		routes[k] = v
	}
	return routes
}

// pagesRequested are the site's pages a lookup requested, robots.txt
// left out, as paths on the site.
func pagesRequested(s *site) []string {
	var out []string
	for _, p := range s.requested() {
		if p != sitePath("/robots.txt") {
			out = append(out, strings.TrimPrefix(p, "/"+domain))
		}
	}
	return out
}

func TestADisallowedPageIsNeverRequestedAndTheResultSaysWhy(t *testing.T) {
	s := newSite(t, nobodyHere(robots("User-agent: *\nDisallow: /team\nDisallow: /leadership\n"), map[string]http.HandlerFunc{
		sitePath("/team"): respond(200, page(`{"@type":"Person","name":"Jane Doe","jobTitle":"CEO"}`)),
	}))
	res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
	if err != nil {
		t.Fatal(err)
	}
	if got := pagesRequested(s); !slices.Equal(got, []string{"/", "/about"}) {
		t.Fatalf("requested %q, want / and /about only", got)
	}
	want := "robots.txt of https://" + domain + " disallows /team, /leadership for leadgen"
	if res.Status != schemas.StatusOK || len(res.Executives) != 0 || notesOf(res) != want {
		t.Fatalf("result = %s with %d people, notes %q; want OK (the company), no people, %q", res.Status, len(res.Executives), notesOf(res), want)
	}
}

func TestASiteThatDisallowsEverythingIsNotFoundWithNothingKnown(t *testing.T) {
	s := newSite(t, nobodyHere(robots("User-agent: *\nDisallow: /\n"), nil))
	res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
	if err != nil {
		t.Fatal(err)
	}
	if got := pagesRequested(s); len(got) != 0 {
		t.Fatalf("requested %q, want no page", got)
	}
	if res.Status != schemas.StatusNotFound || res.Confidence != 0 || !strings.Contains(notesOf(res), "disallows /, /about, /team, /leadership") {
		t.Fatalf("result = %s at %g, notes %q; want NOT_FOUND at confidence 0 saying robots.txt disallows every page", res.Status, res.Confidence, notesOf(res))
	}
}

func TestAPartlyReadSiteIsNotFoundWithTheShareReadAsConfidence(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{sitePath("/robots.txt"): robots("User-agent: *\nDisallow: /team\n")})
	res, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
	if err != nil || res.Status != schemas.StatusNotFound || res.Confidence != 0.75 {
		t.Fatalf("Lookup = %+v, %v; want NOT_FOUND at 0.75, three pages of four read", res, err)
	}
}

func TestRobotsRulesDecideWhichPagesAreRequested(t *testing.T) {
	all := []string{"/", "/about", "/team", "/leadership"}
	tests := []struct {
		name, robots string
		want         []string
	}{
		{"rules for another crawler do not apply", "User-agent: googlebot\nDisallow: /\n", all},
		{"a group for leadgen replaces the * group", "User-agent: *\nDisallow: /\n\nUser-agent: leadgen\nAllow: /\n", all},
		{"the leadgen group is found whatever its case", "User-agent: *\nAllow: /\n\nUser-agent: LeadGen\nDisallow: /team\n", []string{"/", "/about", "/leadership"}},
		{"a leadgen group's rules are the only ones leadgen follows", "User-agent: *\nDisallow: /about\n\nUser-agent: leadgen\nDisallow: /team\n", []string{"/", "/about", "/leadership"}},
		{"a longer Allow overrides a shorter Disallow", "User-agent: *\nDisallow: /\nAllow: /team\n", []string{"/team"}},
		{"an Allow overrides an equal Disallow (RFC 9309 §2.2.2)", "User-agent: *\nDisallow: /team\nAllow: /team\n", all},
		{"a longer Disallow overrides a shorter Allow", "User-agent: *\nAllow: /\nDisallow: /about\n", []string{"/", "/team", "/leadership"}},
		{"a wildcard Disallow matches", "User-agent: *\nDisallow: /*ship\n", []string{"/", "/about", "/team"}},
		{"a rule before any group is ignored and the rest still read", "Disallow: /\nUser-agent: *\nDisallow: /team\n", []string{"/", "/about", "/leadership"}},
		{"an unreadable Crawl-delay is ignored and the rest still read", "User-agent: *\nCrawl-delay: soon\nDisallow: /team\n", []string{"/", "/about", "/leadership"}},
		{"comments and blank lines are no rules", "# no bots on the team page\n\nUser-agent: * # everyone\n\nDisallow: /team # please\n", []string{"/", "/about", "/leadership"}},
		{"an empty Disallow allows everything", "User-agent: *\nDisallow:\n", all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, nobodyHere(robots(tt.robots), nil))
			if _, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain)); err != nil {
				t.Fatal(err)
			}
			if got := pagesRequested(s); !slices.Equal(got, tt.want) {
				t.Fatalf("requested %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTheAnswerToRobotsTxtDecidesWhatMayBeRead(t *testing.T) {
	all := []string{"/", "/about", "/team", "/leadership"}
	tests := []struct {
		name  string
		robot http.HandlerFunc
		pages []string      // requested, when the lookup reads on
		class failure.Class // of the lookup's error, when it does not
	}{
		{"404: no rules, everything allowed", respond(404, "not here"), all, ""},
		{"410: no rules, everything allowed", respond(410, "gone"), all, ""},
		{"401: unavailable, everything allowed (RFC 9309 §2.3.1.3)", respond(401, "who are you"), all, ""},
		{"403: unavailable, everything allowed (RFC 9309 §2.3.1.3)", respond(403, "go away"), all, ""},
		{"an HTML page for robots.txt holds no rules", respond(200, "<html><body>Welcome</body></html>"), all, ""},
		{"500: unreachable, nothing read, retried later (RFC 9309 §2.3.1.4)", respond(500, "oops"), nil, failure.Transient},
		{"503: unreachable, nothing read, retried later (RFC 9309 §2.3.1.4)", respond(503, "down"), nil, failure.Transient},
		{"429: nothing read until the site's wait is over", respond(429, "slow down", "Retry-After", "60"), nil, failure.RateLimited},
		{"a redirect loop: unavailable, everything allowed (RFC 9309 §2.3.1.2)", redirect("/robots.txt"), all, ""},
		{"a redirect to a private address is refused by the guard, nothing read", redirect("http://10.0.0.1/robots.txt"), nil, failure.Permanent},
		{"a redirect to plain http is refused when http is not allowed", redirect("http://" + domain + "/robots.txt"), nil, failure.Permanent},
		{"a file over 2 MiB cannot be read: everything disallowed", respond(200, strings.Repeat("#", 2<<20+1)), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, nobodyHere(tt.robot, nil))
			_, err := newClient(t, s, nil).Lookup(context.Background(), request("Acme Widgets", domain))
			if tt.class != "" {
				wantClass(t, err, tt.class)
			} else if err != nil {
				t.Fatal(err)
			}
			if got := pagesRequested(s); !slices.Equal(got, tt.pages) {
				t.Fatalf("requested %q, want %q", got, tt.pages)
			}
		})
	}
}

func TestAnUnreachableRobotsTxtIsAskedAgainButAnAnswerIsKeptForADay(t *testing.T) {
	var up atomic.Bool
	s := newSite(t, nobodyHere(func(w http.ResponseWriter, r *http.Request) {
		if !up.Load() {
			respond(503, "down")(w, r)
			return
		}
		robots("User-agent: *\nDisallow: /team\n")(w, r)
	}, nil))
	c := newClient(t, s, nil)
	clock := newFakeClock()
	onClock(c, s, clock)
	lookup := func() error {
		_, err := c.Lookup(context.Background(), request("Acme Widgets", domain))
		return err
	}
	wantClass(t, lookup(), failure.Transient)
	up.Store(true)
	for range 2 {
		if err := lookup(); err != nil {
			t.Fatal(err)
		}
	}
	if n := robotsRequests(s); n != 2 {
		t.Fatalf("robots.txt requested %d times, want 2: the 503 is not kept, the answer is", n)
	}
	clock.advance(RobotsTTL)
	if err := lookup(); err != nil || robotsRequests(s) != 3 {
		t.Fatalf("after a day: %v, robots.txt requested %d times, want it asked again", err, robotsRequests(s))
	}
}

func robotsRequests(s *site) int {
	n := 0
	for _, p := range s.requested() {
		if p == sitePath("/robots.txt") {
			n++
		}
	}
	return n
}

func TestCrawlDelaySpacesTheRequestsToASite(t *testing.T) {
	s := newSite(t, nobodyHere(robots("User-agent: *\nCrawl-delay: 2\n"), nil))
	c := newClient(t, s, nil)
	onClock(c, s, newFakeClock())
	if _, err := c.Lookup(context.Background(), request("Acme Widgets", domain)); err != nil {
		t.Fatal(err)
	}
	if got := pagesRequested(s); len(got) != 4 {
		t.Fatalf("requested %q, want every page: 4 × 2s fit in 10s", got)
	}
	wantSpacing(t, s.requestTimes(), 2*time.Second)
}

func TestCrawlDelaySpacesRequestsAcrossLookups(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		sitePath("/robots.txt"): robots("User-agent: *\nCrawl-delay: 3\n"),
		sitePath("/"):           respond(200, fixture(t, "organization_graph.html")),
	})
	c := newClient(t, s, nil)
	onClock(c, s, newFakeClock())
	for range 3 {
		if res, err := c.Lookup(context.Background(), request("Acme Widgets", domain)); err != nil || len(res.Executives) == 0 {
			t.Fatalf("Lookup = %+v, %v", res, err)
		}
	}
	if got := s.requested(); len(got) != 4 {
		t.Fatalf("requested %q, want robots.txt once and the home page three times", got)
	}
	wantSpacing(t, s.requestTimes(), 3*time.Second)
}

func TestACrawlDelayLongerThanTheTimeLeftSkipsPagesAndSaysWhy(t *testing.T) {
	tests := []struct {
		name, delay, shown string
		pages              []string
		confidence         float64
	}{
		{"a delay of 4s reads two pages within 10s", "4", "4s", []string{"/", "/about"}, 0.5},
		{"a delay longer than the limit reads no page", "30", "30s", nil, 0},
		{"a delay too large for a number is a day's", "1e400", "24h0m0s", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, map[string]http.HandlerFunc{sitePath("/robots.txt"): robots("User-agent: *\nCrawl-delay: " + tt.delay + "\n")})
			c := newClient(t, s, nil)
			onClock(c, s, newFakeClock())
			res, err := c.Lookup(context.Background(), request("Acme Widgets", domain))
			if err != nil {
				t.Fatal(err)
			}
			if got := pagesRequested(s); !slices.Equal(got, tt.pages) {
				t.Fatalf("requested %q, want %q", got, tt.pages)
			}
			if res.Status != schemas.StatusNotFound || res.Confidence != tt.confidence || !strings.Contains(notesOf(res), "crawl-delay of https://"+domain+" ("+tt.shown+") leaves no time") {
				t.Fatalf("result = %s at %g, notes %q; want NOT_FOUND at %g naming the crawl-delay", res.Status, res.Confidence, notesOf(res), tt.confidence)
			}
		})
	}
}

func TestTheUserAgentNamesLeadgenAndAContactURL(t *testing.T) {
	tests := []struct {
		name, configured, want string
	}{
		{"the default names leadgen, its build and its project", "", DefaultUserAgent},
		{"the operator's own is sent as set", "leadgen/2.1 (+https://sales.acme.example/crawler)", "leadgen/2.1 (+https://sales.acme.example/crawler)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, nobodyHere(robots("User-agent: *\nAllow: /\n"), nil))
			c := newClient(t, s, func(cfg *Config) { cfg.UserAgent = tt.configured })
			if _, err := c.Lookup(context.Background(), request("Acme Widgets", domain)); err != nil {
				t.Fatal(err)
			}
			uas := s.userAgents()
			if len(uas) != 5 || slices.IndexFunc(uas, func(ua string) bool { return ua != tt.want }) >= 0 {
				t.Fatalf("User-Agents sent %q, want %q on robots.txt and every page", uas, tt.want)
			}
		})
	}
	if !strings.HasPrefix(DefaultUserAgent, "leadgen/") || !strings.HasSuffix(DefaultUserAgent, " (+"+ProjectURL+")") {
		t.Fatalf("DefaultUserAgent = %q, want leadgen/<version> (+%s)", DefaultUserAgent, ProjectURL)
	}
}

func TestAUserAgentMustNameLeadgenAndAContactURL(t *testing.T) {
	tests := []struct {
		name, ua string
		ok       bool
	}{
		{"a product, version and contact URL is accepted", "leadgen/1.0 (+https://acme.example/bot)", true},
		{"a contact over plain http is accepted", "Leadgen/1.0 (+http://acme.example/bot)", true},
		{"no contact URL is refused", "leadgen/1.0", false},
		{"a contact that is not a URL is refused", "leadgen/1.0 (+mailto:bot@acme.example)", false},
		{"another product token is refused", "acmebot/1.0 (+https://acme.example/bot)", false},
		{"a line break is refused", "leadgen/1.0 (+https://acme.example/bot)\r\nX-Evil: 1", false},
		{"more than 256 bytes are refused", "leadgen/1.0 (+https://acme.example/" + strings.Repeat("a", 256) + ")", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckUserAgent(tt.ua); (err == nil) != tt.ok {
				t.Fatalf("CheckUserAgent(%q) = %v, want ok %v", tt.ua, err, tt.ok)
			}
		})
	}
}
