package people

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letters that carry no combining mark to strip but still need an ASCII
// spelling, so that "Strauß" and "Strauss" compare equal.
var foldReplacer = strings.NewReplacer(
	"ß", "ss", "ø", "o", "æ", "ae", "œ", "oe", "ł", "l", "đ", "d",
	"ð", "d", "þ", "th", "ı", "i", "ħ", "h", "ŧ", "t", "ĸ", "k", "ŋ", "n",
)

// clean makes raw provider text safe to parse: invalid UTF-8 and control
// characters become spaces, invisible format characters (zero-width
// joiners, BOMs, emoji variation selectors) vanish, symbols such as emoji
// and flags become a separator (see nameSegment), since profiles put them
// between a name and a job title, and compatibility forms (full-width letters,
// ligatures) are unified by NFKC.
func clean(s string) string {
	if isASCII(s) { // NFKC leaves ASCII as it is; only controls need care
		return strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f {
				return ' '
			}
			return r
		}, s)
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == unicode.ReplacementChar, unicode.IsControl(r), unicode.IsSpace(r):
			return ' '
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
			return -1
		case unicode.Is(unicode.So, r):
			return '|'
		}
		return r
	}, s)
	return norm.NFKC.String(s)
}

// fold lower-cases s (again after decomposition, which can reveal capitals
// such as the Υ in ϒ) and removes diacritics from Latin, Greek and Cyrillic
// letters (José → jose, Zoë → zoe, ß → ss, ø → o). Marks on other scripts
// are kept, because there they are part of the letter, not an accent.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	s = norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	strip := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			if !strip {
				b.WriteRune(r)
			}
			continue
		}
		strip = unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
		b.WriteRune(r)
	}
	return foldReplacer.Replace(strings.ToLower(norm.NFC.String(b.String())))
}

// isApostrophe reports whether r joins the parts of a name such as O'Brien.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`'
}

// tokens folds s and splits it into lower-case runs of letters and digits;
// apostrophes join ("O'Brien" → "obrien"), every other character
// separates ("Smith-Jones" → "smith", "jones").
func tokens(s string) []string {
	if isASCII(s) {
		return asciiTokens(s)
	}
	return foldedTokens(s)
}

// foldedTokens is tokens for any text.
func foldedTokens(s string) []string {
	s = fold(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case isApostrophe(r):
			return -1
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Mc, r):
			return r
		}
		return ' '
	}, s)
	return strings.Fields(s)
}

// asciiTokens is tokens for ASCII text in one pass: the words are
// slices of one lower-cased copy of s, built on the stack when short.
func asciiTokens(s string) []string {
	var arr [64]byte
	buf, n, sep := arr[:0], 0, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '\'' || c == '`':
			continue
		default:
			sep = true
			continue
		}
		if sep {
			if n > 0 {
				buf = append(buf, ' ')
			}
			n, sep = n+1, false
		}
		buf = append(buf, c)
	}
	out, low := make([]string, 0, n), string(buf)
	for low != "" {
		w, rest, _ := strings.Cut(low, " ")
		out, low = append(out, w), rest
	}
	return out
}

// hasToken reports whether a token of s (see tokens) is in set; for
// ASCII s it allocates nothing.
func hasToken(s string, set map[string]bool) bool {
	if !isASCII(s) {
		return slices.ContainsFunc(tokens(s), func(t string) bool { return set[t] })
	}
	var arr [64]byte
	buf := arr[:0]
	for i := 0; i <= len(s); i++ {
		c := byte(' ')
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf = append(buf, c)
		case c == '\'' || c == '`':
		default:
			if len(buf) > 0 && set[string(buf)] {
				return true
			}
			buf = buf[:0]
		}
	}
	return false
}

// key is the folded letters and digits of one word, used to recognise
// titles and post-nominals written with or without dots ("Ph.D." → "phd").
func key(word string) string {
	if !isASCII(word) {
		return strings.Join(tokens(word), "")
	}
	b := make([]byte, 0, len(word))
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
