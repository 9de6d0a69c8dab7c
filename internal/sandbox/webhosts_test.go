package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/website"
)

// aSite is the first company whose site has the layout.
func aSite(t *testing.T, layout SiteLayout) *Company {
	t.Helper()
	for _, c := range Companies() {
		if w, ok := WebsiteOf(c); ok && w.Layout == layout {
			return &c
		}
	}
	t.Fatalf("no site has layout %s", layout)
	return nil
}

// answerOf says how a request was answered: "serve", "nxdomain",
// "refused" or "→ <Location>".
func answerOf(rec *httptest.ResponseRecorder) string {
	switch code := rec.Code; {
	case rec.Header().Get(WebUnreachableHeader) != "":
		return rec.Header().Get(WebUnreachableHeader)
	case code == http.StatusMovedPermanently:
		return "→ " + rec.Header().Get("Location")
	case code == http.StatusOK:
		return "serve"
	}
	return http.StatusText(rec.Code)
}

func TestEachLayoutAnswersAtEachOriginAsItSays(t *testing.T) {
	s := newServer(t, Config{})
	// The four origins, in the order https bare, http bare, https www.,
	// http www.; "%s" is the domain.
	tests := []struct {
		layout SiteLayout
		want   [4]string
	}{
		{LayoutBoth, [4]string{"serve", "→ https://%s/", "serve", "→ https://www.%s/"}},
		{LayoutToWWW, [4]string{"→ https://www.%s/", "→ https://www.%s/", "serve", "→ https://www.%s/"}},
		{LayoutWWWOnly, [4]string{"nxdomain", "nxdomain", "serve", "→ https://www.%s/"}},
		{LayoutHTTPEntry, [4]string{"refused", "→ https://www.%s/", "serve", "→ https://www.%s/"}},
		{LayoutHTTPOnly, [4]string{"refused", "serve", "refused", "→ http://%s/"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.layout), func(t *testing.T) {
			c := aSite(t, tt.layout)
			for i, base := range []string{"/website/", "/website/http/", "/website/www.", "/website/http/www."} {
				rec := get(t, s, base+c.Domain+"/", "")
				if got, want := answerOf(rec), strings.ReplaceAll(tt.want[i], "%s", c.Domain); got != want {
					t.Errorf("%s%s/ answered %q, want %q", base, c.Domain, got, want)
				}
			}
		})
	}
}

func TestEveryLayoutAndRobotsFileIsServedAndTheRareOnesOnce(t *testing.T) {
	layouts, files := map[SiteLayout]int{}, map[dataset.SiteRobots]int{}
	for _, c := range Companies() {
		if w, ok := WebsiteOf(c); ok {
			layouts[w.Layout]++
			files[w.Robots]++
		}
	}
	for _, l := range []SiteLayout{LayoutBoth, LayoutToWWW, LayoutWWWOnly} {
		if layouts[l] < 10 {
			t.Errorf("%d sites of layout %s, want many", layouts[l], l)
		}
	}
	if layouts[LayoutHTTPEntry] != 1 || layouts[LayoutHTTPOnly] != 1 || files[dataset.RobotsSlow] != 1 {
		t.Errorf("http-entry %d, http-only %d, slow robots.txt %d; want one each", layouts[LayoutHTTPEntry], layouts[LayoutHTTPOnly], files[dataset.RobotsSlow])
	}
	for _, r := range []dataset.SiteRobots{dataset.RobotsPlain, dataset.RobotsMissing, dataset.RobotsForbidden, dataset.RobotsNoPeople, dataset.RobotsOnlyLeadgen} {
		if files[r] < 10 {
			t.Errorf("%d sites with robots.txt %s, want many", files[r], r)
		}
	}
}

func TestEachSiteServesItsRobotsTxtWhereItServesPages(t *testing.T) {
	s := newServer(t, Config{})
	want := map[dataset.SiteRobots]struct {
		status int
		says   string
	}{
		dataset.RobotsPlain:       {200, "Disallow: /admin/"},
		dataset.RobotsMissing:     {404, ""},
		dataset.RobotsForbidden:   {403, ""},
		dataset.RobotsNoPeople:    {200, "Disallow: /team\nDisallow: /leadership"},
		dataset.RobotsOnlyLeadgen: {200, "User-agent: leadgen\nAllow: /"},
		dataset.RobotsSlow:        {200, "Crawl-delay: 1"},
	}
	for _, c := range Companies() {
		w, ok := WebsiteOf(c)
		if !ok {
			continue
		}
		rec := get(t, s, website.ServedAt(&c)+"/robots.txt", "")
		if rec.Code != want[w.Robots].status || !strings.Contains(rec.Body.String(), want[w.Robots].says) {
			t.Fatalf("%s (%s): robots.txt answered %d %q, want %d with %q", c.Domain, w.Robots, rec.Code, rec.Body.String(), want[w.Robots].status, want[w.Robots].says)
		}
	}
}

func TestAReaderObeyingRobotsTxtGetsPeopleFromMostSitesButNotAll(t *testing.T) {
	var gives, withheld int
	for _, c := range Companies() {
		w, ok := WebsiteOf(c)
		switch {
		case !ok:
		case SiteGivesPeople(c, false):
			gives++
		case dataset.SiteNamesPeople(c) && w.Robots == dataset.RobotsNoPeople:
			withheld++
		}
	}
	if gives < 100 || withheld == 0 {
		t.Fatalf("%d sites give people, %d withhold them by robots.txt; want most and some", gives, withheld)
	}
	for _, c := range Companies() {
		if w, _ := WebsiteOf(c); w.Layout == LayoutHTTPOnly && (SiteGivesPeople(c, false) || !SiteGivesPeople(c, true)) {
			t.Fatalf("%s is served over http only: it gives people only when http is allowed", c.Domain)
		}
	}
}
