package people

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/schemas"
)

// mention is one Executive prepared for comparison.
type mention struct {
	words      []string
	generation string
	sources    []string
	rank       roleRank
	appointed  string
	ref        string
	// born is the month of birth as "YYYY-MM", or "" when not given.
	born string
}

// newMention parses e.Name, or e.NormalizedName when Name holds no name.
func newMention(e schemas.Executive) mention {
	n := parse(e.Name)
	if len(n.tokens()) == 0 {
		n = parse(e.NormalizedName)
	}
	var sources []string
	for _, s := range e.Sources {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			sources = append(sources, s)
		}
	}
	slices.Sort(sources)
	return mention{
		words:      n.tokens(),
		generation: n.generation,
		sources:    slices.Compact(sources),
		rank:       rankOf(e.Role),
		appointed:  deref(e.AppointedOn),
		ref:        deref(e.SourceRef),
		born:       bornOf(e),
	}
}

// bornOf is the executive's month of birth as "YYYY-MM", or "" unless
// both month and year are given.
func bornOf(e schemas.Executive) string {
	if e.BirthMonth == nil || e.BirthYear == nil {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", *e.BirthYear, *e.BirthMonth)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

// evidence is what two mentions share besides the name.
type evidence struct {
	sameSource   bool
	sameRank     bool
	sameDate     bool
	datesDiffer  bool
	sameRef      bool
	sameBirth    bool
	birthsDiffer bool
}

func evidenceOf(a, b mention) evidence {
	return evidence{
		sameSource:   slices.ContainsFunc(a.sources, func(s string) bool { return slices.Contains(b.sources, s) }),
		sameRank:     a.rank == b.rank && a.rank != rankOther,
		sameDate:     a.appointed != "" && a.appointed == b.appointed,
		datesDiffer:  a.appointed != "" && b.appointed != "" && a.appointed != b.appointed,
		sameRef:      a.ref != "" && a.ref == b.ref,
		sameBirth:    a.born != "" && a.born == b.born,
		birthsDiffer: a.born != "" && b.born != "" && a.born != b.born,
	}
}

// supports reports whether the evidence backs a weak name match.
func (e evidence) supports() bool { return e.sameDate || e.sameRef || e.sameRank || e.sameBirth }

// bonus raises the similarity for each piece of supporting evidence.
func (e evidence) bonus() float64 {
	n := 0
	for _, ok := range []bool{e.sameDate, e.sameRef, e.sameRank, e.sameBirth} {
		if ok {
			n++
		}
	}
	return 0.05 * float64(n)
}

// Same decides whether two mentions name the same person. It also returns
// a score in 0..1, the names' similarity (Jaro-Winkler on forename and
// surname, weighted 0.45 each, and 0.1 for middle names) plus 0.05 for
// each piece of supporting evidence; the score orders candidate matches,
// the decision is the rules' alone, so two names told apart by a rule may
// still score high. A mention's source is its Sources.
//
// Names are compared in normalised form (see Normalize), word by word:
// the first word is the forename, the last the surname, the rest middle
// names. The rules, in order:
//
//   - Names with the same letters are the same name ("al hassan",
//     "alhassan"). A one-word name matches only itself.
//   - Forenames must be equal, a spelling variant (Jaro-Winkler ≥ 0.95,
//     both at least 5 letters, neither a prefix of the other:
//     Katherine/Katharine, not John/Joan nor Louis/Louise), or one the
//     initial of the other ("j smith" ~ "john smith"). An initial alone
//     needs supporting evidence: the same appointment date, the same
//     source reference, the same class of role (director, owner,
//     secretary), or the same month and year of birth.
//   - Surnames must be equal; a spelling variant (Johnson/Johnston) is
//     accepted only when the appointment dates agree. Smith and Smyth
//     never match.
//   - Middle names are optional, but when both names give them they must
//     agree in order, as words or initials ("john r smith" ~ "john
//     robert smith"; "john robert smith" ≁ "john richard smith").
//   - Generation suffixes that disagree (Sr and Jr) mean father and son;
//     at the same source a suffix on one name only also tells two people
//     apart.
//   - Two mentions that both give a month and year of birth (Companies
//     House does, for officers and persons with significant control) are
//     two people when those differ, whatever their names.
//   - Two mentions from the same source with the same class of role and
//     different appointment dates are two appointments, so two people.
//   - Two mentions from the same source with different names are two
//     people unless one is the initials form of the other (same number of
//     words, each equal or an initial): a source that spells one person
//     two ways is rarer than two people with similar names.
func Same(a, b schemas.Executive) (bool, float64) {
	return decide(newMention(a), newMention(b))
}

func decide(a, b mention) (bool, float64) {
	if len(a.words) == 0 || len(b.words) == 0 {
		return false, 0
	}
	m := compareNames(a.words, b.words)
	ev := evidenceOf(a, b)
	score := min(1, m.sim+ev.bonus())
	switch {
	case m.kind == conflict || !generationsAgree(a, b, ev) || ev.birthsDiffer:
		return false, score
	case ev.sameSource && ev.sameRank && ev.datesDiffer:
		return false, score
	case ev.sameSource && m.kind == partial:
		return false, score
	case m.initialFirst && !ev.supports():
		return false, score
	case m.variantFamily && !ev.sameDate:
		return false, score
	}
	return true, score
}

// generationsAgree applies the father-and-son rule.
func generationsAgree(a, b mention, ev evidence) bool {
	if a.generation == b.generation {
		return true
	}
	oneSided := a.generation == "" || b.generation == ""
	return oneSided && !ev.sameSource
}
