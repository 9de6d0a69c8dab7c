package linkedin

import (
	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/profilematch"
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
var weights = profilematch.Weights{Name: 0.6, Site: 0.4}

// weigh gathers the evidence that o is the requested company's page.
func weigh(o organization, req *schemas.CompanyRequest) profilematch.Evidence {
	ev := profilematch.Evidence{Name: companyname.Similarity(companyname.Normalize(req.CompanyName), companyname.Normalize(o.LocalizedName))}
	if req.Domain != nil && o.LocalizedWebsite != "" {
		ev.Site = profilematch.OnSite(profilematch.Host(req), o.LocalizedWebsite)
		ev.OtherSite = !ev.Site
	}
	return ev
}
