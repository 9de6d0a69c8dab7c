package people

import (
	"strings"
	"unicode/utf8"

	"github.com/xrash/smetrics"
)

// matchKind says how two normalised names relate.
type matchKind int

const (
	// conflict: a forename, middle name or surname disagrees.
	conflict matchKind = iota
	// exact: the same words (or the same letters: "al hassan", "alhassan").
	exact
	// initialsForm: as many words, each equal or an initial of the other
	// ("j r smith", "john robert smith").
	initialsForm
	// partial: compatible, but one name leaves out middle names
	// ("john smith", "john robert smith").
	partial
)

// nameMatch is the outcome of comparing two names.
type nameMatch struct {
	kind matchKind
	// initialFirst: one forename is only the initial of the other.
	initialFirst bool
	// variantFamily: the surnames differ by a spelling slip.
	variantFamily bool
	// sim is the names' similarity, 0..1.
	sim float64
}

// wordMatch says how two words of a name relate.
type wordMatch int

const (
	wordDiffer wordMatch = iota
	wordSame
	wordInitial
	wordVariant
)

// Thresholds for spelling variants. Jaro-Winkler rates "Katherine" and
// "Katharine" 0.956 and "Mohammed" and "Mohamed" 0.975, but also
// "Francis" and "Frances" 0.943 and "John" and "Joan" 0.867: below 0.95
// different letters usually mean a different person. Short names are
// never variants ("Jon", "Joan"), nor is a name that extends another
// ("Louis", "Louise"; "Paul", "Paula").
const (
	variantMinJW    = 0.95
	variantMinRunes = 5
)

func jaroWinkler(a, b string) float64 {
	return smetrics.JaroWinkler(a, b, 0.7, 4)
}

// compareWords relates two words of a name.
func compareWords(a, b string) (wordMatch, float64) {
	if a == b {
		return wordSame, 1
	}
	if isInitialOf(a, b) || isInitialOf(b, a) {
		return wordInitial, 0.85
	}
	jw := jaroWinkler(a, b)
	if jw >= variantMinJW && utf8.RuneCountInString(a) >= variantMinRunes &&
		utf8.RuneCountInString(b) >= variantMinRunes &&
		!strings.HasPrefix(a, b) && !strings.HasPrefix(b, a) {
		return wordVariant, jw
	}
	return wordDiffer, jw
}

// isInitialOf reports whether a is one letter and starts b.
func isInitialOf(a, b string) bool {
	r, size := utf8.DecodeRuneInString(a)
	return size == len(a) && len(b) > size && strings.HasPrefix(b, string(r))
}

// compareNames relates two normalised names given as words.
func compareNames(a, b []string) nameMatch {
	if strings.Join(a, "") == strings.Join(b, "") {
		return nameMatch{kind: exact, sim: 1}
	}
	if len(a) < 2 || len(b) < 2 {
		return nameMatch{sim: jaroWinkler(strings.Join(a, " "), strings.Join(b, " "))}
	}
	given, gsim := compareWords(a[0], b[0])
	family, fsim := compareWords(a[len(a)-1], b[len(b)-1])
	middle, msim := compareMiddles(a[1:len(a)-1], b[1:len(b)-1])
	m := nameMatch{
		sim:           0.45*gsim + 0.45*fsim + 0.1*msim,
		initialFirst:  given == wordInitial,
		variantFamily: family == wordVariant,
	}
	if given == wordDiffer || family == wordDiffer || family == wordInitial || middle == conflict {
		return m
	}
	m.kind = partial
	if len(a) == len(b) && given != wordVariant && family == wordSame && middle != partial {
		m.kind = initialsForm
	}
	return m
}

// compareMiddles relates middle names: the shorter list must match the
// longer in order, word by word equal or as an initial; the longer may
// hold extra names. Names in both lists that disagree are a conflict.
func compareMiddles(a, b []string) (matchKind, float64) {
	if len(a) > len(b) {
		a, b = b, a
	}
	j, initials := 0, false
	for _, w := range a {
		for j < len(b) && !compatible(w, b[j]) {
			j++
		}
		if j == len(b) {
			return conflict, 0
		}
		initials = initials || w != b[j]
		j++
	}
	switch {
	case len(a) != len(b):
		return partial, 0.9
	case initials:
		return initialsForm, 0.9
	}
	return exact, 1
}

// compatible reports whether two middle names may be the same name.
func compatible(a, b string) bool {
	m, _ := compareWords(a, b)
	return m == wordSame || m == wordInitial
}
