package people

import (
	"strings"
	"unicode"
)

// stripSuffixes removes trailing post-nominals and generation suffixes
// from one comma-separated part of a name, remembering the generation. A
// part after a comma may be all suffixes ("John Smith, OBE"); keep words
// always stay, so "Jack MA" is not left as "Jack".
func (n *name) stripSuffixes(words []string, keep int, mixedCase bool) []string {
	for len(words) > keep {
		last := words[len(words)-1]
		k := key(last)
		switch {
		case generations[k] != "" && !isInitials(last):
			n.generation = generations[k]
		case isPostNominal(last, mixedCase):
		default:
			return words
		}
		words = words[:len(words)-1]
	}
	return words
}

// isPostNominal reports whether w is a post-nominal. Short letters that
// are also names ("Ma", "Ed") count only when written in capitals in a
// name that is not (mixedCase); dotted initials ("M.A.") are initials,
// except for letters such as "Ph.D.".
func isPostNominal(w string, mixedCase bool) bool {
	k := key(w)
	switch {
	case !postNominals[k]:
		return false
	case isInitials(w) && len(k) < 3:
		return false
	case len(k) >= 3 || hasDot(w):
		return true
	}
	return !strings.ContainsFunc(w, unicode.IsLower) && mixedCase
}

func hasDot(w string) bool { return strings.Contains(w, ".") }
