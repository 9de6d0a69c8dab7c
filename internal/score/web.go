package score

import (
	"slices"

	"github.com/leadgen/leadgen/schemas"
)

// webPresence is the share of the expected web providers that found the
// company.
func webPresence(results []*schemas.DiscoveryResult, webProviders []string) float64 {
	expected := expectedWeb(results, webProviders)
	if len(expected) == 0 {
		return 0
	}
	found := 0.0
	for _, p := range expected {
		found += foundBy(p, results)
	}
	return 100 * found / float64(len(expected))
}

// expectedWeb lists the web providers (those that show a company's web
// and social presence) the results say were expected, or every web
// provider when no result says.
func expectedWeb(results []*schemas.DiscoveryResult, webProviders []string) []string {
	var said []string
	for _, r := range results {
		if r != nil {
			said = append(said, r.ExpectedProviders...)
		}
	}
	if len(said) == 0 {
		return webProviders
	}
	return slices.DeleteFunc(slices.Clone(webProviders), func(p string) bool { return !slices.Contains(said, p) })
}

// foundBy is 1 when the provider answered OK, 0.5 when only a fallback
// answer with data came, else 0.
func foundBy(provider string, results []*schemas.DiscoveryResult) float64 {
	best := 0.0
	for _, r := range results {
		if r == nil || r.Provider != provider {
			continue
		}
		switch {
		case r.Status == schemas.StatusOK:
			best = 1
		case r.Status == schemas.StatusFallback && (r.Company != nil || len(r.Executives) > 0):
			best = max(best, 0.5)
		}
	}
	return best
}
