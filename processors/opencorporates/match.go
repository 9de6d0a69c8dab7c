package opencorporates

import (
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/xrash/smetrics"
)

// MatchThreshold is the lowest Jaro-Winkler similarity of the normalised
// requested name and a search result's name that counts as the same
// company: the companies_house provider's default, so the fallback
// accepts the names the primary would.
const MatchThreshold = 0.85

// match is the company a request resolved to. score is 1 for a company
// number and the name similarity for a name.
type match struct {
	number string
	score  float64
}

// similarity is the Jaro-Winkler similarity of two normalised names,
// with the customary boost threshold 0.7 and prefix length 4.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	return smetrics.JaroWinkler(a, b, 0.7, 4)
}

// bestMatch picks the search result for name: a result whose number is
// the name (someone searched by number) wins outright; otherwise the most
// similar name, a company not marked inactive winning a tie. The best
// score is returned even below MatchThreshold, as evidence of absence.
func bestMatch(companies []company, name string) (match, bool) {
	number, isNumber := companynumber.Normalize(name)
	want := companyname.Normalize(name)
	var best match
	bestActive := false
	for _, c := range companies {
		if isNumber && strings.EqualFold(c.CompanyNumber, number) {
			return match{number: c.CompanyNumber, score: 1}, true
		}
		s, active := similarity(want, companyname.Normalize(c.Name)), c.Inactive == nil || !*c.Inactive
		if s > best.score || (s == best.score && active && !bestActive) {
			best, bestActive = match{number: c.CompanyNumber, score: s}, active
		}
	}
	return best, best.number != "" && best.score >= MatchThreshold
}
