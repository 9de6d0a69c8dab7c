package score

import "github.com/leadgen/leadgen/schemas"

// officialProvider is the provider of the official register.
const officialProvider = "companies_house"

// officialSource scores the best Companies House answer.
func officialSource(results []*schemas.DiscoveryResult) float64 {
	best := 0.0
	for _, r := range results {
		if present(r) && r.Provider == officialProvider {
			best = max(best, officialScore(r))
		}
	}
	return best
}

func officialScore(r *schemas.DiscoveryResult) float64 {
	s := 50.0
	if hasCurrentPeople(r.Executives) {
		s = 100
	}
	if r.Status == schemas.StatusFallback {
		s -= 25
	}
	return s
}

func hasCurrentPeople(execs []schemas.Executive) bool {
	for _, e := range execs {
		if e.ResignedOn == nil || *e.ResignedOn == "" {
			return true
		}
	}
	return false
}
