// Package registermatch holds the rules the register (companies_house)
// and its mirror (opencorporates) share, so that the fallback accepts the
// companies the primary would and scores them alike: which search hit is
// the requested company, and how sure a result and its people are.
package registermatch

import (
	"cmp"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/leadgen/leadgen/schemas"
	"github.com/xrash/smetrics"
)

// Hit is one company a search returned.
type Hit struct {
	Number, Name string
	Active       bool
}

// Match is the company a request resolved to. Score is 1 for a company
// number and the name similarity for a name.
type Match struct {
	Number string
	Score  float64
}

// Similarity is the Jaro-Winkler similarity of two normalised names,
// with the customary boost threshold 0.7 and prefix length 4.
func Similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	return smetrics.JaroWinkler(a, b, 0.7, 4)
}

// Best picks the hit for name: a hit whose number is the name (someone
// searched by number) wins outright; otherwise the most similar name, an
// active company winning a tie. The best score is returned even when it
// is below threshold, as evidence of absence.
func Best(hits []Hit, name string, threshold float64) (Match, bool) {
	number, isNumber := companynumber.Normalize(name)
	want := companyname.Normalize(name)
	var best Match
	bestActive := false
	for _, h := range hits {
		if isNumber && strings.EqualFold(h.Number, number) {
			return Match{Number: h.Number, Score: 1}, true
		}
		s := Similarity(want, companyname.Normalize(h.Name))
		if s > best.Score || (s == best.Score && h.Active && !bestActive) {
			best, bestActive = Match{Number: h.Number, Score: s}, h.Active
		}
	}
	return best, best.Number != "" && best.Score >= threshold
}

// Person is one of a company's people and whether they have left the
// post.
type Person struct {
	Exec   schemas.Executive
	Former bool
}

// SortCurrentFirst puts the people still in post first, each group in
// its order.
func SortCurrentFirst(ps []Person) {
	slices.SortStableFunc(ps, func(a, b Person) int { return cmp.Compare(rank(a.Former), rank(b.Former)) })
}

func rank(former bool) int {
	if former {
		return 1
	}
	return 0
}

// The confidence formulas. All evidence is in [0, 1]:
//
//   - match is 1 for a company found by its number, else the
//     Jaro-Winkler similarity of the normalised requested and found names;
//   - current is the share of the people found who still hold their post.
//
// Result confidence = match × (0.5 + 0.5 × current): the right company
// with every listed person in post scores 1; the right company whose
// people have all left, or which lists nobody, scores half. Each person's
// confidence is match, halved for someone who has left. A NOT_FOUND
// result has confidence 1 − best match score: sure of absence when
// nothing came close, unsure when a name just missed the threshold.

// FormerFactor scales the confidence of a person who has left the post.
const FormerFactor = 0.5

// Confidence is how sure a result naming ps is.
func Confidence(match float64, ps []Person) float64 {
	if len(ps) == 0 {
		return match * 0.5
	}
	current := 0
	for _, p := range ps {
		if !p.Former {
			current++
		}
	}
	return match * (0.5 + 0.5*float64(current)/float64(len(ps)))
}

// Executives returns the people as executives with their confidence set.
func Executives(match float64, ps []Person) []schemas.Executive {
	out := make([]schemas.Executive, len(ps))
	for i, p := range ps {
		out[i] = p.Exec
		out[i].Confidence = match
		if p.Former {
			out[i].Confidence = match * FormerFactor
		}
	}
	return out
}

// NotFound is the confidence of a NOT_FOUND result whose best search hit
// scored bestScore: sure of absence when nothing came close.
func NotFound(bestScore float64) float64 { return 1 - bestScore }
