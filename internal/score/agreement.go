package score

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// Weights inside CrossSourceAgreement.
const (
	weightPeople  = 0.6
	weightCompany = 0.4
)

func agreement(execs []schemas.Executive, results []*schemas.DiscoveryResult, sources provider.Sources) float64 {
	return 100 * (weightPeople*confirmedShare(execs) + weightCompany*companyShare(results, sources))
}

// confirmedShare is the share of people named by two or more sources.
func confirmedShare(execs []schemas.Executive) float64 {
	if len(execs) == 0 {
		return 0
	}
	return float64(confirmed(execs)) / float64(len(execs))
}

// confirmed counts the people named by two or more sources.
func confirmed(execs []schemas.Executive) int {
	n := 0
	for _, e := range execs {
		sources := slices.Clone(e.Sources)
		slices.Sort(sources)
		if len(slices.Compact(sources)) >= 2 {
			n++
		}
	}
	return n
}

// companyShare is the share of the other providers whose company profile
// agrees with the most official profile.
func companyShare(results []*schemas.DiscoveryResult, sources provider.Sources) float64 {
	profiles := profilesByProvider(results, sources)
	if len(profiles) < 2 {
		return 0
	}
	ref, agree := profiles[0], 0
	for _, p := range profiles[1:] {
		if sameCompany(ref, p) {
			agree++
		}
	}
	return float64(agree) / float64(len(profiles)-1)
}

// profilesByProvider returns one profile per provider, the most official
// provider (lowest Evidence.Rank) first, the others after it. A provider
// that answered twice contributes its latest profile.
func profilesByProvider(results []*schemas.DiscoveryResult, sources provider.Sources) []*schemas.CompanyProfile {
	latest := map[string]*schemas.DiscoveryResult{}
	for _, r := range results {
		if !present(r) || r.Company == nil {
			continue
		}
		if prev, ok := latest[r.Provider]; !ok || r.FetchedAt.After(prev.FetchedAt) {
			latest[r.Provider] = r
		}
	}
	providers := make([]string, 0, len(latest))
	for p := range latest {
		providers = append(providers, p)
	}
	slices.SortFunc(providers, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(sources, a), rank(sources, b)), strings.Compare(a, b))
	})
	out := make([]*schemas.CompanyProfile, len(providers))
	for i, p := range providers {
		out[i] = latest[p].Company
	}
	return out
}

// rank is the provider's Evidence.Rank; a provider sources do not list
// ranks last.
func rank(sources provider.Sources, name string) int {
	if e, ok := sources.Of(name); ok {
		return e.Rank
	}
	return math.MaxInt
}

// sameCompany compares company numbers when both profiles have one, else
// names.
func sameCompany(a, b *schemas.CompanyProfile) bool {
	na, nb := companyNumber(a.Number), companyNumber(b.Number)
	if na != "" && nb != "" {
		return na == nb
	}
	ka := companyNameKey(a.Name)
	return ka != "" && ka == companyNameKey(b.Name)
}

func companyNumber(n *string) string {
	if n == nil {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(*n))
}

// legalForms are words that differ between sources for one company.
var legalForms = map[string]bool{"ltd": true, "limited": true, "plc": true, "llp": true, "lp": true, "the": true, "inc": true}

// companyNameKey lower-cases a company name and drops punctuation and
// legal-form words: "The ACME Widgets Ltd." → "acme widgets".
func companyNameKey(name string) string {
	name = strings.ReplaceAll(strings.ToLower(name), "&", " and ")
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	words = slices.DeleteFunc(words, func(w string) bool { return legalForms[w] })
	return strings.Join(words, " ")
}
