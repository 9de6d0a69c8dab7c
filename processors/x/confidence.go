package x

import (
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/schemas"
)

// The confidence formulas. The evidence about an account, each in [0, 1]:
//
//   - name: the better of the similarity (see similarity) of the normalised
//     company and account names, and of the squashed company name and
//     the handle ("acmewidgets");
//   - site: 1 when the account's website is on the requested domain (a
//     leading www. ignored);
//   - verified: 1 for a verified account (blue, business or government).
//
// An account is the company's when name reaches MatchThreshold or site is
// 1, unless it links to another site than the requested domain: an
// account of the same name for another company's site is that company's. Its confidence = 0.5 × name + 0.35 × site + 0.15 × verified: a
// verified account of the same name linking to the company's site scores
// 1, a same-named account with no site 0.5. The best-scoring account
// wins. A NOT_FOUND result has confidence 1 − the best name score seen:
// sure of absence when nothing came close.
const (
	nameWeight     = 0.5
	siteWeight     = 0.35
	verifiedWeight = 0.15
)

// evidence is what an account's claim to be the company rests on.
type evidence struct {
	name           float64
	site, verified bool
	// otherSite: the account links to a site other than the requested
	// domain.
	otherSite bool
}

func (ev evidence) confidence() float64 {
	c := nameWeight * ev.name
	if ev.site {
		c += siteWeight
	}
	if ev.verified {
		c += verifiedWeight
	}
	return c
}

// weigh gathers the evidence that u is the requested company's account.
func weigh(u user, req *schemas.CompanyRequest) evidence {
	want := companyname.Normalize(req.CompanyName)
	ev := evidence{
		name:     max(companyname.Similarity(want, companyname.Normalize(u.Name)), companyname.Similarity(strings.ReplaceAll(want, " ", ""), strings.ToLower(u.Username))),
		verified: u.Verified || u.VerifiedType == "business" || u.VerifiedType == "government",
	}
	if host := requestHost(req); host != "" && u.website() != "" {
		ev.site = sameSite(u.website(), host)
		ev.otherSite = !ev.site
	}
	return ev
}

// choice is the best account found so far.
type choice struct {
	u     user
	ev    evidence
	found bool
	best  float64 // the best name score seen, found or not
}

// consider keeps u if it is the company's and beats the current choice.
func (c *choice) consider(u user, req *schemas.CompanyRequest, threshold float64) {
	ev := weigh(u, req)
	c.best = max(c.best, ev.name)
	if (ev.name < threshold && !ev.site) || ev.otherSite {
		return
	}
	if !c.found || ev.confidence() > c.ev.confidence() {
		c.u, c.ev, c.found = u, ev, true
	}
}

// sameSite reports whether rawURL is on host, a leading www. ignored.
func sameSite(rawURL, host string) bool {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" {
		return false
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == host
}
