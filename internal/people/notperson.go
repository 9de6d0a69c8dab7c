package people

import (
	"slices"
	"strings"
	"unicode"
)

// notAPerson reports whether a mention names no person: an organisation
// (a corporate officer role, a legal-form or corporate word such as
// Limited, LLP, Nominees, Trustees, GmbH), a social handle ("@priyaraman",
// "priya_raman1"), or, from the register, a name in capitals without the
// comma Companies House writes between an individual's surname and
// forenames ("SPENCER STUART").
func notAPerson(raw, role string, sources []string) bool {
	raw = strings.TrimSpace(raw)
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(role)), "corporate") ||
		isHandle(raw) || hasCorporateWord(raw) || (fromRegister(sources) && isRegisterCorporate(raw))
}

// isHandle reports whether raw is a social handle rather than a name.
func isHandle(raw string) bool {
	if strings.HasPrefix(raw, "@") {
		return true
	}
	return !strings.ContainsFunc(raw, unicode.IsSpace) &&
		strings.ContainsFunc(raw, func(r rune) bool { return r == '_' || unicode.IsDigit(r) })
}

// hasCorporateWord reports whether a word of raw marks an organisation;
// "Co" counts only last ("Smith & Co").
func hasCorporateWord(raw string) bool {
	words := strings.Fields(strings.NewReplacer(",", " ", "(", " ", ")", " ").Replace(raw))
	for i, w := range words {
		k := key(w)
		if corporateWords[k] || (k == "co" && i == len(words)-1 && i > 0) {
			return true
		}
	}
	return false
}

// fromRegister reports whether Companies House itself gave the name;
// mirrors such as OpenCorporates write individuals without the comma.
func fromRegister(sources []string) bool { return slices.Contains(sources, "companies_house") }

// isRegisterCorporate reports whether a register name is written in
// capitals, in several words, without a comma: the register writes an
// individual "SURNAME, Forenames", and a company as one capitalised line.
func isRegisterCorporate(raw string) bool {
	return !strings.Contains(raw, ",") && len(strings.Fields(raw)) > 1 &&
		!strings.ContainsFunc(raw, unicode.IsLower)
}
