package score

import (
	"slices"

	"github.com/leadgen/leadgen/schemas"
)

// officialSource scores the best answer of a register provider
// (Companies House).
func officialSource(results []*schemas.DiscoveryResult, register []string) float64 {
	best := 0.0
	for _, r := range results {
		if present(r) && slices.Contains(register, r.Provider) {
			best = max(best, officialScore(r))
		}
	}
	return best
}

func officialScore(r *schemas.DiscoveryResult) float64 {
	s := 50.0
	if currentPeople(r.Executives) > 0 {
		s = 100
	}
	if r.Status == schemas.StatusFallback {
		s -= 25
	}
	return s
}
