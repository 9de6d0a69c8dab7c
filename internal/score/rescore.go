package score

import (
	"slices"

	"github.com/leadgen/leadgen/schemas"
)

// Rescore scores a lead again after people were taken out of it, such as
// an erased person, when the results it was built from are gone. Only the
// people part of CrossSourceAgreement depends on the lead's people; the
// company part is recovered from the components the lead carries, so the
// score is the one Compute gives for the same results and the remaining
// people.
func Rescore(c schemas.ScoreComponents, before, after []schemas.Executive) (float64, schemas.ScoreComponents) {
	c.CrossSourceAgreement = clamp(100 * (weightPeople*confirmedShare(after) + weightCompany*companyPart(c, before)))
	return total(c), c
}

// Reexplain gives a lead's explanation after Rescore: the agreement
// sentence is written again for the remaining people; c are the
// components Rescore returned for them. An explanation without sentences
// (a lead written before leadgen explained scores) stays empty.
func Reexplain(explanation []string, c schemas.ScoreComponents, people []schemas.Executive) []string {
	if len(explanation) != 4 {
		return explanation
	}
	out := slices.Clone(explanation)
	out[1] = agreementSentence(people, companyPart(c, people), c.CrossSourceAgreement)
	return out
}

// companyPart recovers the company share of CrossSourceAgreement from the
// components and the people they were computed with.
func companyPart(c schemas.ScoreComponents, people []schemas.Executive) float64 {
	return (c.CrossSourceAgreement/100 - weightPeople*confirmedShare(people)) / weightCompany
}
