package opencorporates

import "github.com/leadgen/leadgen/internal/registermatch"

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
