package people

import (
	"strings"
	"unicode"
)

// titles are honorifics written before a name. They are dropped only from
// the front of the forenames, so a surname such as Lord stays.
var titles = set("mr", "mrs", "ms", "miss", "mx", "master", "dr", "doctor",
	"prof", "professor", "sir", "dame", "lord", "lady", "baron", "baroness",
	"rev", "revd", "reverend", "the", "rt", "hon", "honourable", "cllr")

// postNominals are honours, degrees and professional letters written after
// a name. They are dropped only from the end of a name part.
var postNominals = set("obe", "mbe", "cbe", "kbe", "dbe", "gbe", "bem",
	"kcb", "kcmg", "cmg", "cvo", "lvo", "mvo", "phd", "dphil", "qc", "kc",
	"fca", "aca", "acca", "fcca", "cima", "fcma", "acma", "cpa", "cfa",
	"mba", "llb", "bsc", "msc", "frcs", "frcp", "frs", "freng", "frsa",
	"ceng", "mrics", "frics", "esq")

// generations mark father and son; they are dropped from the normalised
// name like post-nominals, but Same keeps them apart.
var generations = map[string]string{
	"jr": "Jr", "jnr": "Jr", "sr": "Sr", "snr": "Sr",
	"ii": "II", "iii": "III", "iv": "IV",
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// name is a person's name taken apart: its words in natural order (given
// names first) with titles and post-nominals removed, and the generation
// suffix (Jr, Sr, III), if any, in display form.
type name struct {
	words      []string
	generation string
}

// parse takes a raw name apart. A comma marks the Companies House
// "SURNAME, Forenames" form; a part that holds only post-nominals
// ("John Smith, OBE") is not a surname part.
func parse(raw string) name {
	var n name
	var parts [][]string
	for _, part := range strings.Split(clean(raw), ",") {
		words := n.stripSuffixes(strings.Fields(part))
		if len(words) > 0 {
			parts = append(parts, words)
		}
	}
	parts = dropTitleParts(parts)
	switch {
	case len(parts) == 0:
		n = name{words: strings.Fields(strings.ReplaceAll(clean(raw), ",", " "))}
	case len(parts) == 1:
		n.words = parts[0]
	default:
		n.words = append(concat(parts[1:]), parts[0]...)
	}
	n.words = stripTitles(n.words)
	return n
}

// dropTitleParts removes parts after the surname that hold only titles:
// Companies House writes "SURNAME, Forenames, Title" ("JONES, Olivia, Dr").
func dropTitleParts(parts [][]string) [][]string {
	if len(parts) < 3 {
		return parts
	}
	kept := parts[:2:2]
	for _, p := range parts[2:] {
		if !allTitles(p) {
			kept = append(kept, p)
		}
	}
	return kept
}

func allTitles(words []string) bool {
	for _, w := range words {
		if !titles[strings.ToLower(strings.Trim(w, "."))] {
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

// stripSuffixes removes trailing post-nominals and generation suffixes
// from one part of a name, remembering the generation.
func (n *name) stripSuffixes(words []string) []string {
	for len(words) > 0 {
		last := words[len(words)-1]
		k := key(last)
		switch {
		case isInitials(last) && len(k) < 3 && k != "qc" && k != "kc":
			return words
		case postNominals[k]:
		case generations[k] != "":
			n.generation = generations[k]
		default:
			return words
		}
		words = words[:len(words)-1]
	}
	return words
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
