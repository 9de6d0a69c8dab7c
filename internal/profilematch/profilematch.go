// Package profilematch weighs a social profile's claim to be a requested
// company, for the providers that find company profiles (x, linkedin,
// facebook): the evidence it rests on, the confidence each provider's
// weights give that evidence, and the best profile among candidates. What
// counts as evidence, and which weights, stays with each provider.
package profilematch

import (
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/schemas"
)

// Evidence is what a profile's claim to be the company rests on.
type Evidence struct {
	// Name is the similarity of the company's and the profile's names,
	// 0..1.
	Name float64
	// Site: the profile links to the requested domain.
	Site bool
	// Verified: the network vouches for the profile (a badge).
	Verified bool
	// OtherSite: the profile links to sites, none on the requested
	// domain; such a profile is another company's.
	OtherSite bool
}

// Weights are how far each piece of evidence counts toward confidence;
// a provider's weights sum to 1.
type Weights struct {
	Name, Site, Verified float64
}

// Confidence is Name × the name score, plus Site and Verified when the
// evidence has them.
func (w Weights) Confidence(ev Evidence) float64 {
	c := w.Name * ev.Name
	if ev.Site {
		c += w.Site
	}
	if ev.Verified {
		c += w.Verified
	}
	return c
}

// Choice is the best profile found so far among a lookup's candidates.
type Choice[P any] struct {
	Profile  P
	Evidence Evidence
	Found    bool
	// BestName is the best name score seen, found or not: a NOT_FOUND
	// result is as sure of absence as nothing came close.
	BestName float64
}

// Consider keeps p if its evidence makes it the company's (a name score
// at threshold or a link to the requested domain, and no link elsewhere)
// and it scores higher under w than the current choice.
func (c *Choice[P]) Consider(p P, ev Evidence, threshold float64, w Weights) {
	c.BestName = max(c.BestName, ev.Name)
	if (ev.Name < threshold && !ev.Site) || ev.OtherSite {
		return
	}
	if !c.Found || w.Confidence(ev) > w.Confidence(c.Evidence) {
		c.Profile, c.Evidence, c.Found = p, ev, true
	}
}

// Host is the request's domain, lower-cased, without a leading "www.";
// "" for a request without one.
func Host(req *schemas.CompanyRequest) string {
	if req.Domain == nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(*req.Domain)), "www.")
}

// OnSite reports whether any of urls is on host, a leading www. ignored;
// never for an empty host.
func OnSite(host string, urls ...string) bool {
	for _, raw := range urls {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err == nil && host != "" && u.Hostname() != "" && strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == host {
			return true
		}
	}
	return false
}
