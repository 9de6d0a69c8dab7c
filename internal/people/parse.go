package people

import (
	"strings"
	"unicode"
)

// name is a person's name taken apart. Words keep the case and spelling
// the source gave (DisplayName shows them); comparison uses their folded
// tokens.
type name struct {
	// given are the forenames, first name first, then middle names.
	given []string
	// surname is the family name; it may hold several words ("van der
	// Berg", "Bonham Carter").
	surname []string
	// ordered is true when the source marked which words are the surname:
	// the Companies House "SURNAME, Forenames" form, or a surname written
	// in capitals beside a forename that is not. Otherwise the surname is
	// assumed to be the last word, as display names write it.
	ordered bool
	// nickname is a known-as name given in brackets or quotes
	// ("Xiaoming (Jimmy) Wang", "Robert 'Bob' Lyons").
	nickname string
	// generation is Jr, Sr, II, III or IV in display form, or "".
	generation string
}

// parse takes a raw name apart. It reads the Companies House
// "SURNAME, Forenames[, Title]" form, display names with titles,
// post-nominals ("Vikram Chandra, ACCA, CTA"), a job title after a
// separator ("Benjamin Carter | Founder & CEO", "Jane Doe - CFO") and a
// nickname in brackets or quotes, and a surname written first in
// capitals ("OKAFOR Chidi").
func parse(raw string) name { return parseParts(partsOf(raw)) }

// nameParts are a raw name cleaned, its aside taken as a nickname, cut to
// its name segment (see nameSegment) and split at commas into words:
// what parse and hasCorporateWord both read.
type nameParts struct {
	parts [][]string
	nick  string
	// mixed: the segment has lower-case letters.
	mixed bool
}

func partsOf(raw string) nameParts {
	s, nick := takeNickname(clean(raw))
	seg := nameSegment(s)
	split := strings.Split(seg, ",")
	p := nameParts{parts: make([][]string, len(split)), nick: nick, mixed: strings.ContainsFunc(seg, unicode.IsLower)}
	for i, part := range split {
		p.parts[i] = strings.Fields(part)
	}
	return p
}

func parseParts(p nameParts) name {
	n := name{nickname: p.nick}
	var parts [][]string
	for i, words := range p.parts {
		words = n.stripSuffixes(words, keepWords(i, len(p.parts)), p.mixed)
		if len(words) > 0 && !(i > 0 && (allTitles(words) || isJobTitle(words))) {
			parts = append(parts, words)
		}
	}
	switch {
	case len(parts) == 0:
	case len(parts) == 1:
		n.readWords(stripTitles(parts[0]))
	default:
		n.surname, n.given, n.ordered = parts[0], stripTitles(concat(parts[1:])), true
	}
	n.given = splitInitials(n.given)
	return n
}

// keepWords is how many words stripping suffixes must leave in part i
// of n parts: a surname part one, a whole name two, a later part none.
func keepWords(i, n int) int {
	switch {
	case i > 0:
		return 0
	case n > 1:
		return 1
	}
	return 2
}

// readWords splits the words of a name written without a comma into
// forenames and surname, by the case cue when there is one.
func (n *name) readWords(words []string) {
	if lo, hi, ok := capitalRun(words); ok {
		n.surname, n.ordered = words[lo:hi], true
		n.given = append(append([]string{}, words[:lo]...), words[hi:]...)
		return
	}
	cut := surnameStart(words)
	n.given, n.surname = words[:cut], words[cut:]
}

// surnameStart is where the surname of a display-order name begins: the
// last word, with any particles before it ("de la Cruz", "van Dijk").
func surnameStart(words []string) int {
	i := len(words) - 1
	for i > 1 && particles[key(words[i-1])] {
		i--
	}
	return max(i, 0)
}

// particles join the following word into a surname.
var particles = set("van", "von", "der", "den", "de", "del", "della", "di",
	"da", "du", "la", "le", "dos", "das", "ter", "ten", "al", "el", "bin",
	"ibn", "ap", "mac", "st")

// capitalRun finds the surname in a name that writes it alone in
// capitals ("OKAFOR Chidi", "Chidi OKAFOR", "Jean-Paul DE LA TOUR"): one
// run of capitalised words at the start or the end, while some other word
// has lower-case letters.
func capitalRun(words []string) (lo, hi int, ok bool) {
	caps := make([]bool, len(words))
	lower := false
	for i, w := range words {
		caps[i] = isCapitalWord(w)
		lower = lower || strings.ContainsFunc(w, unicode.IsLower)
	}
	if !lower || len(words) < 2 {
		return 0, 0, false
	}
	for hi < len(words) && caps[hi] {
		hi++
	}
	if hi > 0 {
		return 0, hi, true
	}
	lo = len(words)
	for lo > 0 && caps[lo-1] {
		lo--
	}
	return lo, len(words), lo < len(words)
}

// isCapitalWord reports whether w is written in capitals and is long
// enough not to be initials ("OKAFOR", not "JR", "J." or "J.R.R.").
func isCapitalWord(w string) bool {
	if hasDot(w) {
		return false
	}
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3 || (letters == 2 && hasVowel(w))
}

func hasVowel(w string) bool { return strings.ContainsAny(fold(w), "aeiouy") }

// splitInitials writes forenames given as run-together capitals ("JR",
// "J.R.") as separate initials; a word with a vowel is a name ("ED").
func splitInitials(words []string) []string {
	var out []string
	for _, w := range words {
		k := key(w)
		if len(k) > 1 && len(k) <= 3 && !hasVowel(k) && !strings.ContainsFunc(w, unicode.IsLower) {
			for _, r := range k {
				out = append(out, string(r))
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

func allTitles(words []string) bool {
	for _, w := range words {
		if !titles[key(w)] {
			return false
		}
	}
	return true
}

func concat(parts [][]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// stripTitles removes leading titles but never the last word, so a lone
// "Dr" is still a name.
func stripTitles(words []string) []string {
	for len(words) > 1 && titles[key(words[0])] && !isInitials(words[0]) {
		words = words[1:]
	}
	return words
}

// isInitials reports whether w is written as dotted single letters, such
// as "J.R." or "M.R.", which are initials, not the titles or suffixes
// spelled by the same letters.
func isInitials(w string) bool {
	i := 0
	for _, r := range w {
		if (i%2 == 1 && r != '.') || (i%2 == 0 && !unicode.IsLetter(r)) {
			return false
		}
		i++
	}
	return i >= 4 && i%2 == 0
}
