package people

import "strings"

// matchKind says how two names relate.
type matchKind int

const (
	// conflict: a forename, middle name or surname disagrees.
	conflict matchKind = iota
	// exact: the same words (or the same words run together: "al hassan",
	// "alhassan").
	exact
	// initialsForm: as many words, each equal or an initial of the other
	// ("j r smith", "john robert smith").
	initialsForm
	// partial: compatible, but one name leaves out or shortens words
	// ("john smith", "john robert smith"; "alex smith", "alexander smith").
	partial
)

// nameMatch is the outcome of comparing two names.
type nameMatch struct {
	kind matchKind
	// split: the same letters split into words differently ("Eva Nash",
	// "Evan Ash"), which names two people.
	split bool
	// initial: a forename or the surname is only an initial.
	initial bool
	// variantFamily: the surnames differ by a spelling (Johnson, Johnston).
	variantFamily bool
	// sameGiven: the first forenames are written the same.
	sameGiven bool
	// surnameLen is the shorter surname's length in letters.
	surnameLen int
	// familySoundAlike: the surnames share a Double Metaphone code and
	// Jaro-Winkler rates them at least variantMinJW.
	familySoundAlike bool
	// sim is the names' similarity, 0..1.
	sim float64
}

// form is a parsed name as folded tokens.
type form struct {
	given, surname []string
	nickname       string
	ordered        bool
	// words are given and surname in natural order, letters those run
	// together.
	words   []string
	letters string
	// family is the surname's words run together.
	family string
}

func formOf(n name) form {
	return newForm(tokens(strings.Join(n.given, " ")), tokens(strings.Join(n.surname, " ")), key(n.nickname), n.ordered)
}

func newForm(given, surname []string, nickname string, ordered bool) form {
	words := append(append(make([]string, 0, len(given)+len(surname)), given...), surname...)
	letters := join(words)
	// given and surname are words' prefix and suffix, so family is a suffix of letters.
	return form{given: given, surname: surname, nickname: nickname, ordered: ordered, words: words,
		letters: letters, family: letters[len(letters)-lettersIn(surname):]}
}

// compareNames relates two names. Names whose letters run together agree
// are the same name when one only joins words of the other, and two
// people when the words are split differently. Otherwise the names are
// compared as parsed and, if that conflicts, every other reading of a
// name whose surname the source did not mark (display order, or surname
// first) is tried, and the best taken.
func compareNames(a, b form) nameMatch {
	wa, wb := a.words, b.words
	if len(wa) == 0 || len(wb) == 0 {
		return nameMatch{}
	}
	if a.letters == b.letters {
		if nested(wa, wb) {
			return nameMatch{kind: exact, sim: 1}
		}
		return nameMatch{split: true, sim: 1}
	}
	if len(a.given) == 0 || len(b.given) == 0 {
		return nameMatch{sim: jaroWinkler(strings.Join(wa, " "), strings.Join(wb, " "))}
	}
	best := compareReading(a, b)
	if best.kind != conflict {
		return best
	}
	var buf [4]reading // at most two readings of each name
	for _, r := range readings(a, b, buf[:0]) {
		if m := compareReading(r.a, r.b); m.kind != conflict && m.better(best) {
			best = m
		}
	}
	return best
}

// minPlainSurname is the shortest surname whose spelling variant joins
// two mentions without a date or month of birth: short surnames differ
// by a letter between families (Smith, Smyth; Patel, Patil).
const minPlainSurname = 6

// plainVariantFamily reports whether a surname spelling variant stands on
// the name alone: the forenames are written the same, the surname is
// long enough, close in letters and sounds the same (Tkatchenko,
// Tkachenko; not Bowes-Lyon, Bowes-Lydon, nor Andrews, Anderson), since
// one company seldom has two people of one forename and near-identical
// surnames.
func (m nameMatch) plainVariantFamily() bool {
	return m.sameGiven && m.surnameLen >= minPlainSurname && m.familySoundAlike
}

// better orders matches: any match over a conflict, then by similarity.
func (m nameMatch) better(o nameMatch) bool {
	if (m.kind == conflict) != (o.kind == conflict) {
		return o.kind == conflict
	}
	return m.sim > o.sim
}

// nested reports whether the word boundaries of one list are all
// boundaries of the other, given that both spell the same letters.
func nested(a, b []string) bool {
	ba, bb := boundaries(a), boundaries(b)
	return subset(ba, bb) || subset(bb, ba)
}

func boundaries(words []string) map[int]bool {
	out := map[int]bool{}
	n := 0
	for _, w := range words[:len(words)-1] {
		n += len(w)
		out[n] = true
	}
	return out
}

func subset(a, b map[int]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
