package linkedin

import (
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/schemas"
)

// The confidence formulas. The evidence about a page, each in [0, 1]:
//
//   - name: the similarity (see similarity) of the normalised company and
//     page names;
//   - site: 1 when the page's website is on the requested domain (a
//     leading www. ignored).
//
// A page is the company's when name reaches MatchThreshold or site is 1,
// unless its website is another site than the requested domain.
// Its confidence = 0.6 × name + 0.4 × site: a same-named page linking to
// the company's site scores 1, a same-named page without a site 0.6
// (LinkedIn does not verify company pages). A NOT_FOUND result has
// confidence 1 − the best name score seen.
const (
	nameWeight = 0.6
	siteWeight = 0.4
)

type evidence struct {
	name float64
	site bool
	// otherSite: the page states a website other than the requested
	// domain.
	otherSite bool
}

func (ev evidence) confidence() float64 {
	c := nameWeight * ev.name
	if ev.site {
		c += siteWeight
	}
	return c
}

// choice is the best page found so far.
type choice struct {
	org   organization
	ev    evidence
	found bool
	best  float64
}

func (c *choice) consider(o organization, req *schemas.CompanyRequest, threshold float64) {
	ev := evidence{name: companyname.Similarity(companyname.Normalize(req.CompanyName), companyname.Normalize(o.LocalizedName))}
	if req.Domain != nil && o.LocalizedWebsite != "" {
		ev.site = sameSite(o.LocalizedWebsite, strings.TrimPrefix(strings.ToLower(strings.TrimSpace(*req.Domain)), "www."))
		ev.otherSite = !ev.site
	}
	c.best = max(c.best, ev.name)
	if (ev.name < threshold && !ev.site) || ev.otherSite {
		return
	}
	if !c.found || ev.confidence() > c.ev.confidence() {
		c.org, c.ev, c.found = o, ev, true
	}
}

// sameSite reports whether rawURL is on host, a leading www. ignored.
func sameSite(rawURL, host string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" || host == "" {
		return false
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == host
}
