package companieshouse

import (
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/xrash/smetrics"
)

// match is the company a request resolved to. score is 1 for a company
// number and the title similarity for a name.
type match struct {
	number string
	score  float64
}

// normalizeTitle reduces a company name to its distinguishing words.
func normalizeTitle(s string) string { return companyname.Normalize(s) }

// similarity is the Jaro-Winkler similarity of two normalised titles,
// with the customary boost threshold 0.7 and prefix length 4.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	return smetrics.JaroWinkler(a, b, 0.7, 4)
}

// bestMatch picks the search hit for name: a hit whose number is the
// name (someone searched by number) wins outright; otherwise the most
// similar title, an active company winning a tie. The best score is
// returned even when it is below threshold, as evidence of absence.
func bestMatch(items []searchItem, name string, threshold float64) (match, bool) {
	number, isNumber := companynumber.Normalize(name)
	want := normalizeTitle(name)
	var best match
	bestActive := false
	for _, it := range items {
		if isNumber && strings.EqualFold(it.CompanyNumber, number) {
			return match{number: it.CompanyNumber, score: 1}, true
		}
		s, active := similarity(want, normalizeTitle(it.Title)), it.CompanyStatus == "active"
		if s > best.score || (s == best.score && active && !bestActive) {
			best, bestActive = match{number: it.CompanyNumber, score: s}, active
		}
	}
	return best, best.number != "" && best.score >= threshold
}
