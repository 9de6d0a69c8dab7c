package facebook

import (
	"net/url"
	"strings"
)

// The confidence formulas. The evidence about a Page, each in [0, 1]:
//
//   - name: the similarity (see similarity) of the normalised company and
//     Page names; a Page below MatchThreshold is never fetched, and a
//     Page whose websites are all on another domain than the requested
//     one is another company's;
//   - site: 1 when one of the Page's websites is on the requested domain
//     (a leading www. ignored);
//   - verified: 1 for a Page with a blue or grey badge.
//
// Confidence = 0.5 × name + 0.35 × site + 0.15 × verified: a verified
// same-named Page linking to the company's site scores 1, a same-named
// Page with neither 0.5. A NOT_FOUND result has confidence 1 − the best
// name score seen.
const (
	nameWeight     = 0.5
	siteWeight     = 0.35
	verifiedWeight = 0.15
)

type evidence struct {
	name           float64
	site, verified bool
	// otherSite: the Page states websites, none on the requested domain.
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

// onSite reports whether any of urls is on host, a leading www. ignored.
func onSite(urls []string, host string) bool {
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err == nil && host != "" && strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == host {
			return true
		}
	}
	return false
}
