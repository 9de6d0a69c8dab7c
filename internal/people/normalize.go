package people

import (
	"strings"
	"unicode"
)

// Normalize returns the comparison form of a person's name: forenames
// before surname, no titles, post-nominals, job titles or nicknames, lower case, no diacritics,
// letters and digits only, words separated by single spaces. Hyphens
// separate words ("Smith-Jones" → "smith jones") and apostrophes join them
// ("O'Brien" → "obrien"). Normalize("SMITH, Dr John Robert OBE") is
// "john robert smith". It is deterministic and total: any string, even
// invalid UTF-8, gives a result, possibly "".
func Normalize(raw string) string {
	return strings.Join(parse(raw).tokens(), " ")
}

// Generation returns the generation suffix of a name (Jr, Sr, II, III,
// IV) in display form, or "". Normalize leaves it out; Same keeps a father
// and a son apart by it, so whoever stores a name in normalised form and
// later compares it with Same keeps this too.
func Generation(raw string) string { return parse(raw).generation }

// words are the name's words in natural order, forenames first.
func (n name) words() []string {
	return append(append([]string{}, n.given...), n.surname...)
}

// tokens are the normalised words of n, generation excluded.
func (n name) tokens() []string {
	return tokens(strings.Join(n.words(), " "))
}

// DisplayName returns the name as a reader expects it: forenames before
// surname (also when the source wrote the surname first, in capitals), no
// titles, honours, job titles or nicknames, words written in capitals (as
// Companies House does) re-cased, diacritics and a generation suffix
// kept. DisplayName("SMITH, John Robert") is "John Robert Smith",
// DisplayName("OKAFOR Chidi") is "Chidi Okafor" and
// DisplayName("O'BRIEN, Mary, Jr") is "Mary O'Brien Jr".
func DisplayName(raw string) string {
	n := parse(raw)
	all := !strings.ContainsFunc(strings.Join(n.words(), ""), unicode.IsUpper)
	words := make([]string, 0, len(n.given)+len(n.surname)+1)
	for _, w := range n.words() {
		if all || !strings.ContainsFunc(w, unicode.IsLower) {
			w = titleCase(w)
		}
		words = append(words, w)
	}
	if n.generation != "" && len(words) > 0 {
		words = append(words, n.generation)
	}
	return strings.Join(words, " ")
}

// titleCase capitalises the first letter of w and of every part after a
// hyphen, apostrophe or dot, and the letter after a leading "Mc"
// ("MCDONALD" → "McDonald", "SMITH-JONES" → "Smith-Jones").
func titleCase(w string) string {
	var b strings.Builder
	start := true
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Mn, r):
		case !unicode.IsLetter(r):
			start = true
		case start:
			r, start = unicode.ToTitle(r), false
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	s := b.String()
	if rest, ok := strings.CutPrefix(s, "Mc"); ok && rest != "" {
		r := []rune(rest)
		r[0] = unicode.ToTitle(r[0])
		return "Mc" + string(r)
	}
	return s
}
