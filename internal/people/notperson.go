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
		isHandle(raw) || hasCorporateWord(raw) || (fromCompaniesHouse(sources) && isRegisterCorporate(raw))
}

// isHandle reports whether raw is a social handle rather than a name:
// it starts with @, or is one word with digits or underscores, or one
// word in lower case ("priyaraman"), as no one writes their name.
func isHandle(raw string) bool {
	if strings.HasPrefix(raw, "@") {
		return true
	}
	return !strings.ContainsFunc(raw, unicode.IsSpace) &&
		(strings.ContainsFunc(raw, func(r rune) bool { return r == '_' || unicode.IsDigit(r) }) ||
			!strings.ContainsFunc(raw, unicode.IsUpper))
}

// hasCorporateWord reports whether the name part of raw (without a job
// title or employer after it) has a word that marks an organisation.
// Words of up to three letters (AG, SA, Co) count only last, and never
// as dotted initials ("A.G. Brown").
func hasCorporateWord(raw string) bool {
	s, _ := takeNickname(clean(raw))
	var words []string
	for i, part := range strings.Split(nameSegment(s), ",") {
		if w := strings.Fields(part); i == 0 || !isJobTitle(w) {
			words = append(words, w...)
		}
	}
	for i, w := range words {
		k := key(w)
		last := i == len(words)-1 && i > 0
		if (corporateWords[k] && (len(k) > 3 || (last && !isInitials(w)))) || (k == "co" && last) {
			return true
		}
	}
	return false
}

// fromCompaniesHouse reports whether Companies House itself gave the
// name; mirrors such as OpenCorporates write individuals without the
// comma.
func fromCompaniesHouse(sources []string) bool { return slices.Contains(sources, "companies_house") }

// fromRegister reports whether the register or its mirror gave the name.
func fromRegister(sources []string) bool {
	return fromCompaniesHouse(sources) || slices.Contains(sources, "opencorporates")
}

// isRegisterCorporate reports whether a register name is written in
// capitals, in several words, without a comma: the register writes an
// individual "SURNAME, Forenames", and a company as one capitalised line.
func isRegisterCorporate(raw string) bool {
	return !strings.Contains(raw, ",") && len(strings.Fields(raw)) > 1 &&
		!strings.ContainsFunc(raw, unicode.IsLower)
}
