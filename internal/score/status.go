package score

import "strings"

// statusRules map company statuses to the CompanyStatus component by the
// words they contain, so Companies House spellings ("converted-closed",
// "insolvency-proceedings") and other sources' plain words ("In
// Liquidation") both fit. The first rule that matches wins.
var statusRules = []struct {
	words []string
	score float64
}{
	{[]string{"dissolved", "closed", "removed", "struck"}, 0},
	{[]string{"liquidation", "administration", "receiver", "insolvency", "voluntary-arrangement"}, 10},
	{[]string{"dormant", "inactive"}, 40},
	{[]string{"active", "open", "registered"}, 100},
}

// unknownStatusScore scores a missing or unrecognised status: no evidence
// either way.
const unknownStatusScore = 50

func companyStatus(status *string) float64 {
	if status == nil {
		return unknownStatusScore
	}
	s := strings.ToLower(strings.TrimSpace(*status))
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), "-")
	for _, rule := range statusRules {
		for _, w := range rule.words {
			if strings.Contains(s, w) {
				return rule.score
			}
		}
	}
	return unknownStatusScore
}
