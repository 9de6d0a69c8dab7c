package companyname

import (
	"math"
	"strings"

	"github.com/xrash/smetrics"
)

// wordMatch is the Jaro-Winkler similarity at which two words count as
// the same ("widget" and "widgets").
const wordMatch = 0.92

// Similarity compares two normalised company names: the geometric mean
// of their Jaro-Winkler similarity and the share of words they have in
// common. Jaro-Winkler alone favours a shared start, so "acme widgets fan
// club" would pass for "acme widgets"; the word share holds it back
// (0.78) while "acme widgets uk" still passes (0.88). 0 when either is
// empty.
func Similarity(a, b string) float64 {
	switch {
	case a == "" || b == "":
		return 0
	case a == b:
		return 1
	}
	return math.Sqrt(smetrics.JaroWinkler(a, b, 0.7, 4) * wordShare(strings.Fields(a), strings.Fields(b)))
}

// wordShare is the Dice coefficient of two word lists, each word of a
// matching at most one of b.
func wordShare(a, b []string) float64 {
	used := make([]bool, len(b))
	matched := 0
	for _, w := range a {
		for j, v := range b {
			if !used[j] && (w == v || smetrics.JaroWinkler(w, v, 0.7, 4) >= wordMatch) {
				used[j], matched = true, matched+1
				break
			}
		}
	}
	return 2 * float64(matched) / float64(len(a)+len(b))
}
