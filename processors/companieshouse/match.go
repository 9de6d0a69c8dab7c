package companieshouse

import (
	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/registermatch"
)

// match is the company a request resolved to. Score is 1 for a company
// number and the title similarity for a name.
type match = registermatch.Match

// normalizeTitle reduces a company name to its distinguishing words.
func normalizeTitle(s string) string { return companyname.Normalize(s) }

// hitsOf are the search items as registermatch reads them: an active
// company wins a tie.
func hitsOf(items []searchItem) []registermatch.Hit {
	hits := make([]registermatch.Hit, len(items))
	for i, it := range items {
		hits[i] = registermatch.Hit{Number: it.CompanyNumber, Name: it.Title, Active: it.CompanyStatus == "active"}
	}
	return hits
}

// bestMatch picks the search hit for name by the rules the register and
// its mirror share (registermatch.Best).
func bestMatch(items []searchItem, name string, threshold float64) (match, bool) {
	return registermatch.Best(hitsOf(items), name, threshold)
}
