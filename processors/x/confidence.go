package x

import (
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/profilematch"
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
// account of the same name for another company's site is that company's.
// Its confidence = 0.5 × name + 0.35 × site + 0.15 × verified: a
// verified account of the same name linking to the company's site scores
// 1, a same-named account with no site 0.5. The best-scoring account
// wins. A NOT_FOUND result has confidence 1 − the best name score seen:
// sure of absence when nothing came close.
var weights = profilematch.Weights{Name: 0.5, Site: 0.35, Verified: 0.15}

// weigh gathers the evidence that u is the requested company's account.
func weigh(u user, req *schemas.CompanyRequest) profilematch.Evidence {
	want := companyname.Normalize(req.CompanyName)
	ev := profilematch.Evidence{
		Name:     max(companyname.Similarity(want, companyname.Normalize(u.Name)), companyname.Similarity(strings.ReplaceAll(want, " ", ""), strings.ToLower(u.Username))),
		Verified: u.Verified || u.VerifiedType == "business" || u.VerifiedType == "government",
	}
	if host := profilematch.Host(req); host != "" && u.website() != "" {
		ev.Site = profilematch.OnSite(host, u.website())
		ev.OtherSite = !ev.Site
	}
	return ev
}
