// Package companyname reduces a company name to the words that tell it
// apart, for matching search hits and for lead keys.
package companyname

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// legalWords say what kind of company it is, not which one.
var legalWords = map[string]bool{"limited": true, "ltd": true, "plc": true, "llp": true, "the": true}

// Normalize lower-cases name, strips diacritics, punctuation and legal
// words: "The Acme Widgets (UK) Ltd." → "acme widgets uk". A name made only
// of legal words keeps them.
func Normalize(name string) string {
	s := strings.ReplaceAll(Fold(name), "&", " and ")
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	kept := make([]string, 0, len(words))
	for _, w := range words {
		if !legalWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = words
	}
	return strings.Join(kept, " ")
}

// Fold lower-cases s and strips its combining marks ("Zoë" → "zoe"),
// keeping every other character: the first step of Normalize, for a
// caller that splits a name into words of its own.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
