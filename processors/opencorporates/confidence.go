package opencorporates

import "github.com/leadgen/leadgen/schemas"

// The confidence formulas, the companies_house provider's so a fallback
// answer weighs like a primary one. All evidence is in [0, 1]:
//
//   - match is 1 for a company fetched by its number, else the
//     Jaro-Winkler similarity of the normalised requested and found names;
//   - current is the share of the people found who still hold their post
//     (see isCurrent).
//
// Result confidence = match × (0.5 + 0.5 × current): the right company
// with every listed person in post scores 1; the right company whose
// people have all left, or which lists nobody, scores half. Each person's
// confidence is match, halved for someone who has left. A NOT_FOUND result
// has confidence 1 − best match score: sure of absence when nothing came
// close, unsure when a name just missed the threshold.

// formerFactor scales the confidence of a person who has left the post.
const formerFactor = 0.5

func resultConfidence(match float64, ps []person) float64 {
	if len(ps) == 0 {
		return match * 0.5
	}
	current := 0
	for _, p := range ps {
		if p.current {
			current++
		}
	}
	return match * (0.5 + 0.5*float64(current)/float64(len(ps)))
}

// executives returns the people as executives with their confidence set.
func executives(match float64, ps []person) []schemas.Executive {
	out := make([]schemas.Executive, len(ps))
	for i, p := range ps {
		out[i] = p.exec
		out[i].Confidence = match
		if !p.current {
			out[i].Confidence = match * formerFactor
		}
	}
	return out
}

func notFoundConfidence(bestScore float64) float64 {
	return 1 - bestScore
}
