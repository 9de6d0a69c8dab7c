package opencorporates

import "github.com/leadgen/leadgen/internal/registermatch"

// MatchThreshold is the lowest Jaro-Winkler similarity of the normalised
// requested name and a search result's name that counts as the same
// company: the companies_house provider's default, so the fallback
// accepts the names the primary would.
const MatchThreshold = 0.85

// match is the company a request resolved to. Score is 1 for a company
// number and the name similarity for a name.
type match = registermatch.Match

// hitsOf are the search results as registermatch reads them: a company
// not marked inactive wins a tie.
func hitsOf(companies []company) []registermatch.Hit {
	hits := make([]registermatch.Hit, len(companies))
	for i, c := range companies {
		hits[i] = registermatch.Hit{Number: c.CompanyNumber, Name: c.Name, Active: c.Inactive == nil || !*c.Inactive}
	}
	return hits
}

// bestMatch picks the search result for name by the rules the register
// and its mirror share (registermatch.Best), MatchThreshold the bar.
func bestMatch(companies []company, name string) (match, bool) {
	return registermatch.Best(hitsOf(companies), name, MatchThreshold)
}
