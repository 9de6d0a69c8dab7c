package people

import (
	"strings"
	"unicode"
)

// notAPerson reports whether a mention names no person: an organisation
// (a corporate officer role such as the register's corporate-secretary,
// which is how a firm without a legal suffix, "SPENCER STUART", is told
// apart; or a legal-form or corporate word such as Limited, LLP,
// Nominees, Trustees, GmbH), or a social handle ("@priyaraman",
// "priya_raman1").
func notAPerson(raw string, p nameParts, role string) bool {
	raw = strings.TrimSpace(raw)
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(role)), "corporate") ||
		isHandle(raw) || hasCorporateWord(p)
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
func hasCorporateWord(p nameParts) bool {
	var words []string
	for i, part := range p.parts {
		if i == 0 || !isJobTitle(part) {
			words = append(words, part...)
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
