package score

import (
	"math"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// The weights of the components; they add up to 1.
const (
	weightOfficial  = 0.40
	weightAgreement = 0.25
	weightWeb       = 0.20
	weightStatus    = 0.15
)

// Input is what a lead is scored on.
type Input struct {
	// Executives are the merged people of the lead (see people.Merge).
	Executives []schemas.Executive
	// Results are the providers' results for the request.
	Results []*schemas.DiscoveryResult
	// CompanyStatus is the company's status, nil when unknown.
	CompanyStatus *string
	// Sources say what kind of source each provider is and how official
	// (the registry's, handed down by the aggregator): Register sources
	// count toward official presence, Web and Social ones toward web
	// presence, and the lowest Rank gives the reference company profile.
	Sources provider.Sources
}

// Compute returns the lead score, 0..100 rounded to two decimals, and its
// components; the package documentation gives the formula.
func Compute(in Input) (float64, schemas.ScoreComponents) {
	c := schemas.ScoreComponents{
		OfficialSource:       clamp(officialSource(in.Results, in.Sources.Names(provider.Register))),
		CrossSourceAgreement: clamp(agreement(in.Executives, in.Results, in.Sources)),
		WebPresence:          clamp(webPresence(in.Results, in.Sources.Names(provider.Web, provider.Social))),
		CompanyStatus:        clamp(companyStatus(in.CompanyStatus)),
	}
	return total(c), c
}

// total is the weighted sum of the components, rounded to two decimals.
func total(c schemas.ScoreComponents) float64 {
	score := weightOfficial*c.OfficialSource + weightAgreement*c.CrossSourceAgreement +
		weightWeb*c.WebPresence + weightStatus*c.CompanyStatus
	return clamp(math.Round(score*100) / 100)
}

func clamp(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Min(100, math.Max(0, x))
}

// present reports whether r is a usable answer.
func present(r *schemas.DiscoveryResult) bool {
	return r != nil && (r.Status == schemas.StatusOK || r.Status == schemas.StatusFallback)
}
