package facebook

import "github.com/leadgen/leadgen/internal/profilematch"

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
var weights = profilematch.Weights{Name: 0.5, Site: 0.35, Verified: 0.15}
