package people

import (
	"strings"
	"unicode/utf8"

	"github.com/antzucaro/matchr"
	"github.com/xrash/smetrics"
)

// wordMatch says how two words of a name relate.
type wordMatch int

const (
	wordDiffer wordMatch = iota
	wordSame
	// wordNickname: a name and its short form or equivalent (Alexander,
	// Alex; Piotr, Peter).
	wordNickname
	// wordVariant: a spelling or transliteration of one name (Katherine,
	// Katharine; Mohammed, Muhammad; Sergei, Sergey).
	wordVariant
	// wordInitial: one word is the initial of the other.
	wordInitial
)

// Thresholds for spelling variants. Jaro-Winkler rates "Katherine" and
// "Katharine" 0.956, but also "John" and "Joan" 0.867: close letters alone
// are weak evidence. A variant needs at least variantMinRunes letters and
// either Jaro-Winkler ≥ variantMinJW, or the same Double Metaphone code,
// different consonants (see skeleton) and Jaro-Winkler ≥ phoneticMinJW
// (Kristopher, Christopher). Shorter names, and romanisations that differ
// only in vowels (Mohammed, Muhammad), are the same only through the
// nickname and spellings tables.
const (
	variantMinJW    = 0.95
	phoneticMinJW   = 0.80
	variantMinRunes = 5
)

// Scores of each kind of word match, used to rank candidate matches.
const (
	scoreNickname = 0.9
	scoreInitial  = 0.8
	scoreMiddle   = 0.8
)

func jaroWinkler(a, b string) float64 {
	return smetrics.JaroWinkler(a, b, 0.7, 4)
}

// compareWords relates two folded words of a name.
func compareWords(a, b string) (wordMatch, float64) {
	switch {
	case a == b:
		return wordSame, 1
	case isInitialOf(a, b) || isInitialOf(b, a) || initialOfFormal(a, b) || initialOfFormal(b, a):
		return wordInitial, scoreInitial
	case umlautSpelling(a, b):
		return wordSame, 0.98
	case gendered(a, b):
		return wordDiffer, 0
	case nicknames.equivalent(a, b):
		return wordNickname, scoreNickname
	}
	jw := jaroWinkler(a, b)
	if nicknames.known(a) && nicknames.known(b) {
		return wordDiffer, jw // two names of their own (Andrew, Andrea), which the tables do not join
	}
	if isVariant(a, b, jw) {
		return wordVariant, jw
	}
	return wordDiffer, jw
}

// isVariant reports whether two different words are spellings of one
// name. A word that extends the other (Paul, Paula) never is; gendered
// pairs (Christian, Christina) are ruled out before.
func isVariant(a, b string, jw float64) bool {
	if jw < phoneticMinJW || len(a) < variantMinRunes || len(b) < variantMinRunes ||
		utf8.RuneCountInString(a) < variantMinRunes || utf8.RuneCountInString(b) < variantMinRunes ||
		strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		return false
	}
	return jw >= variantMinJW || (soundAlike(a, b) && skeleton(a) != skeleton(b))
}

// skeleton is w's consonants, each run of one letter written once
// ("mohammed" → "mhmd"). Two names that sound alike but share a skeleton
// differ only in vowels, which tells distinct names apart (Hassan,
// Hussain; George, Georgia) as often as it spells one name two ways
// (Ahmad, Ahmed): only the spellings table joins those. Names that sound
// alike with different consonants are spellings (Katherine, Catherine).
func skeleton(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if strings.IndexByte("aeiouy", c) >= 0 || (len(b) > 0 && b[len(b)-1] == c) {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// umlautSpelling reports whether a and b are one word with ä, ö or ü
// written ae, oe, ue on one side (Mueller, and Muller folded from Müller).
func umlautSpelling(a, b string) bool {
	return len(a) != len(b) && (hasUmlautPair(a) || hasUmlautPair(b)) && umlautKey(a) == umlautKey(b)
}

func hasUmlautPair(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == 'e' && (w[i-1] == 'a' || w[i-1] == 'o' || w[i-1] == 'u') {
			return true
		}
	}
	return false
}

// soundAlike reports whether the Double Metaphone codes of a and b share
// a primary or secondary code.
func soundAlike(a, b string) bool {
	a1, a2 := matchr.DoubleMetaphone(a)
	b1, b2 := matchr.DoubleMetaphone(b)
	return a1 == b1 || a1 == b2 || (a2 != "" && (a2 == b1 || a2 == b2))
}

// umlautKey spells ae, oe and ue as a, o and u, so the German spellings
// of ä, ö and ü (Mueller) meet the folded letters (Muller, from Müller).
// Only words long enough to carry such a spelling are changed.
func umlautKey(w string) string {
	if len(w) < variantMinRunes || !hasUmlautPair(w) {
		return w
	}
	return umlauts.Replace(w)
}

var umlauts = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

// initialOfFormal reports whether a is one letter that starts a longer
// name b is a short form of ("R." for Becky, who is Rebecca).
func initialOfFormal(a, b string) bool {
	if len(a) != 1 {
		return false
	}
	for n := range nicknames.links[b] {
		if len(n) > len(b) && isInitialOf(a, n) {
			return true
		}
	}
	return false
}

// isInitialOf reports whether a is one letter and starts b.
func isInitialOf(a, b string) bool {
	r, size := utf8.DecodeRuneInString(a)
	return size == len(a) && len(b) > size && strings.HasPrefix(b, string(r))
}

// shortFormOf reports whether s is a short form of the long name l that
// no table knows, by its letters or its sound (Olu, Oluwaseun; Nick,
// Nikolaos): names the tables know are joined by the tables alone, so a
// short form cannot join two known names, nor a gendered pair (Noel,
// Noelle).
func shortFormOf(s, l string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 5 || utf8.RuneCountInString(l) < n+2 || nicknames.known(l) || gendered(s, l) {
		return false
	}
	if strings.HasPrefix(l, s) {
		return true
	}
	s1, _ := matchr.DoubleMetaphone(s)
	l1, _ := matchr.DoubleMetaphone(l)
	return len(s1) >= 2 && strings.HasPrefix(l1, s1) && s[:2] == l[:2]
}
