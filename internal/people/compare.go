package people

import "slices"

// compareReading relates two names read as forenames and surname: the
// surnames must agree, the first forenames must agree (directly, through
// a nickname in brackets, or through a middle name used as the known
// name) and middle names given on both sides must agree in order.
func compareReading(a, b form) nameMatch {
	family, fsim := compareSurnames(a, b)
	given, gsim, viaMiddle := compareGiven(a, b)
	middle, msim := exact, 1.0
	if !viaMiddle {
		middle, msim = compareMiddles(a.given[1:], b.given[1:])
	}
	m := nameMatch{
		sim:           0.45*gsim + 0.45*fsim + 0.1*msim,
		initial:       given == wordInitial || family == wordInitial,
		variantFamily: family == wordVariant,
		sameGiven:     given == wordSame,
		surnameLen:    min(len(a.family), len(b.family)),
	}
	if m.variantFamily {
		m.familySoundAlike = fsim >= variantMinJW && soundAlike(a.family, b.family)
	}
	if given == wordDiffer || family == wordDiffer || middle == conflict {
		return m
	}
	m.kind = kindOf(a, b, given, family, middle)
	return m
}

func kindOf(a, b form, given, family wordMatch, middle matchKind) matchKind {
	switch {
	case given == wordSame && family == wordSame && middle == exact && len(a.given) == len(b.given):
		return exact
	case len(a.given) == len(b.given) && (given == wordSame || given == wordInitial) &&
		family == wordSame && middle != partial:
		return initialsForm
	}
	return partial
}

// compareSurnames relates two surnames: run together equal or spelt as
// the spellings table allows (Rehman, Rahman), a spelling variant (see
// isVariant), or one a single word of the other ("Jones", "Smith Jones").
func compareSurnames(fa, fb form) (wordMatch, float64) {
	a, b, ja, jb := fa.surname, fb.surname, fa.family, fb.family
	m, sim := compareWords(ja, jb)
	switch {
	case m == wordSame || m == wordVariant || m == wordInitial:
		return m, sim
	case m == wordNickname:
		return wordSame, 0.97
	case len(a) > 1 && len(b) == 1 && slices.Contains(a, jb), len(b) > 1 && len(a) == 1 && slices.Contains(b, ja):
		return wordSame, 0.9
	}
	return wordDiffer, sim
}

// compareGiven relates the first forenames, and reports whether they met
// only through a middle name of the other.
func compareGiven(a, b form) (wordMatch, float64, bool) {
	m, sim := compareWords(a.given[0], b.given[0])
	if m != wordDiffer {
		return m, sim, false
	}
	if nicknameMeets(a, b) || nicknameMeets(b, a) || shortFormOf(a.given[0], b.given[0]) || shortFormOf(b.given[0], a.given[0]) {
		return wordNickname, scoreNickname, false
	}
	if knownByMiddle(a.given, b.given) || knownByMiddle(b.given, a.given) {
		return wordNickname, scoreMiddle, true
	}
	return wordDiffer, sim, false
}

// nicknameMeets reports whether a's bracketed nickname names b's forename.
func nicknameMeets(a, b form) bool {
	if a.nickname == "" {
		return false
	}
	for _, n := range []string{b.given[0], b.nickname} {
		if m, _ := compareWords(a.nickname, n); n != "" && (m == wordSame || m == wordNickname) {
			return true
		}
	}
	return false
}

// knownByMiddle reports whether a gives one forename, which is a middle
// name of b ("Robert Smith" and "John Robert Smith"), or its initial when
// b gives only initials ("Adebayo Achebe" and "E. A. Achebe").
func knownByMiddle(a, b []string) bool {
	if len(a) != 1 || len(b) < 2 {
		return false
	}
	initials := len(b[0]) == 1
	for _, w := range b[1:] {
		m, _ := compareWords(a[0], w)
		if m == wordSame || m == wordNickname || (initials && m == wordInitial && len(w) == 1) {
			return true
		}
	}
	return false
}

// compareMiddles relates middle names: the shorter list must match the
// longer in order, word by word compatible; the longer may hold extra
// names. Names in both lists that disagree are a conflict.
func compareMiddles(a, b []string) (matchKind, float64) {
	if len(a) > len(b) {
		a, b = b, a
	}
	j, loose := 0, false
	for _, w := range a {
		for j < len(b) && !compatible(w, b[j]) {
			j++
		}
		if j == len(b) {
			return conflict, 0
		}
		loose = loose || w != b[j]
		j++
	}
	switch {
	case len(a) != len(b):
		return partial, 0.9
	case loose:
		return initialsForm, 0.9
	}
	return exact, 1
}

// compatible reports whether two middle names may be the same name.
func compatible(a, b string) bool {
	m, _ := compareWords(a, b)
	return m != wordDiffer
}

func join(words []string) string {
	b := make([]byte, 0, lettersIn(words))
	for _, w := range words {
		b = append(b, w...)
	}
	return string(b)
}

// lettersIn is the length of words run together.
func lettersIn(words []string) int {
	n := 0
	for _, w := range words {
		n += len(w)
	}
	return n
}
