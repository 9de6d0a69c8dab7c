package score

import "github.com/leadgen/leadgen/schemas"

// Rescore scores a lead again after people were taken out of it, such as
// an erased person, when the results it was built from are gone. Only the
// people part of CrossSourceAgreement depends on the lead's people; the
// company part is recovered from the components the lead carries, so the
// score is the one Compute gives for the same results and the remaining
// people.
func Rescore(c schemas.ScoreComponents, before, after []schemas.Executive) (float64, schemas.ScoreComponents) {
	company := (c.CrossSourceAgreement/100 - weightPeople*confirmedShare(before)) / weightCompany
	c.CrossSourceAgreement = clamp(100 * (weightPeople*confirmedShare(after) + weightCompany*company))
	return total(c), c
}
