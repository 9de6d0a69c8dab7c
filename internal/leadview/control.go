package leadview

import (
	"fmt"
	"strings"
)

// The natures of control a person with significant control holds, in
// words. The codes are Companies House's, documented with their meaning in
// the psc_descriptions enumeration of the public data API:
// https://github.com/companieshouse/api-enumerations/blob/master/psc_descriptions.yml
//
// A code is a subject, a band for the subjects that have one, then
// optionally how the control is held (-as-trust, -as-firm,
// -as-control-over-trust, -as-control-over-firm) and the kind of entity
// (-limited-liability-partnership, -registered-overseas-entity). The
// tables below cover every subject and band documented there; a code they
// do not read (registered-owner-as-nominee-*, or one added later) is shown
// as published.

// bandedSubjects are the subjects a percentage band follows.
var bandedSubjects = []struct{ prefix, format string }{
	{"ownership-of-shares-", "owns %s of shares"},
	{"voting-rights-", "holds %s of votes"},
	{"right-to-share-surplus-assets-", "shares in %s of surplus assets"},
	{"part-right-to-share-surplus-assets-", "shares in %s of surplus assets"},
}

// bands are the percentage bands; "25 to 50" is the register's "more
// than 25 % but not more than 50 %".
var bands = []struct{ code, words string }{
	{"25-to-50-percent", "25–50 %"},
	{"50-to-75-percent", "50–75 %"},
	{"75-to-100-percent", "75–100 %"},
	{"more-than-25-percent", "over 25 %"},
}

// plainSubjects have no band.
var plainSubjects = []struct{ code, words string }{
	{"right-to-appoint-and-remove-directors", "appoints and removes directors"},
	{"right-to-appoint-and-remove-members", "appoints and removes members"},
	{"right-to-appoint-and-remove-person", "appoints and removes managers"},
	{"significant-influence-or-control", "has significant influence or control"},
}

// holdings say how the control is held, after the subject and band.
var holdings = map[string]string{
	"":                       "",
	"-as-trust":              " through a trust",
	"-as-control-over-trust": " through a trust",
	"-as-firm":               " through a firm",
	"-as-control-over-firm":  " through a firm",
}

// entityKinds end the codes that apply to other entities than companies;
// the words are the same.
var entityKinds = []string{"-limited-liability-partnership", "-registered-overseas-entity"}

// control returns a person's natures of control in words, joined by
// commas, or "" for none.
func control(codes []string) string {
	words := make([]string, len(codes))
	for i, c := range codes {
		words[i] = controlWords(c)
	}
	return strings.Join(words, ", ")
}

// controlWords reads one code, e.g. "ownership-of-shares-25-to-50-percent"
// as "owns 25–50 % of shares"; a code it cannot read comes back as is.
func controlWords(code string) string {
	rest := code
	for _, kind := range entityKinds {
		rest = strings.TrimSuffix(rest, kind)
	}
	words, rest, ok := subjectWords(rest)
	if !ok {
		return code
	}
	how, ok := holdings[rest]
	if !ok {
		return code
	}
	return words + how
}

// subjectWords reads the subject and band at the start of s and returns
// their words and what follows them.
func subjectWords(s string) (words, rest string, ok bool) {
	for _, p := range plainSubjects {
		if rest, ok := strings.CutPrefix(s, p.code); ok {
			return p.words, rest, true
		}
	}
	for _, sub := range bandedSubjects {
		banded, ok := strings.CutPrefix(s, sub.prefix)
		if !ok {
			continue
		}
		for _, b := range bands {
			if rest, ok := strings.CutPrefix(banded, b.code); ok {
				return fmt.Sprintf(sub.format, b.words), rest, true
			}
		}
	}
	return "", "", false
}
