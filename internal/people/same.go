package people

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// mention is one Executive prepared for comparison.
type mention struct {
	// raw is the text the name was read from: Name, or NormalizedName
	// when Name holds no name.
	raw  string
	form form
	// words are the folded words in natural order.
	words []string
	// full is how full the name is, to find a group's fullest name.
	full       fullnessScore
	generation string
	// notPerson: the name is an organisation's or a handle (see
	// notAPerson); it is never the same as anyone.
	notPerson bool
	sources   []string
	rank      roleRank
	appointed string
	ref       string
	// born is the month of birth as "YYYY-MM", or "" when not given.
	born string
	// register: the source is the register or its mirror, where each
	// record is an appointment.
	register bool
}

// newMention parses e.Name, or e.NormalizedName when Name holds no name.
func newMention(e schemas.Executive) mention {
	m := readMention(e.Name, e.Role)
	if len(m.words) == 0 {
		m = readMention(e.NormalizedName, e.Role)
	}
	for _, s := range e.Sources {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			m.sources = append(m.sources, s)
		}
	}
	slices.Sort(m.sources)
	m.sources = slices.Compact(m.sources)
	m.rank, m.appointed, m.ref, m.born = rankOf(e.Role), deref(e.AppointedOn), deref(e.SourceRef), bornOf(e)
	return m
}

// readMention reads the name raw: its parts once, for the person test and
// the parse.
func readMention(raw, role string) mention {
	p := partsOf(raw)
	notPerson := notAPerson(raw, p, role) // before parsing, which re-slices the parts
	n := parseParts(p)
	f := formOf(n)
	return mention{raw: raw, form: f, words: f.words, full: fullness(f.words), generation: n.generation, notPerson: notPerson}
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

// Same decides whether two mentions name the same person. It also returns
// a score in 0..1, the names' similarity (forename and surname weighted
// 0.45 each, middle names 0.1; a nickname counts 0.9, an initial 0.8, a
// spelling variant its Jaro-Winkler similarity) plus 0.05 for each piece
// of supporting evidence; the score orders candidate matches, the
// decision is the rules' alone. A mention's source is its Sources.
//
// Names are parsed first (see Normalize and DisplayName for the forms
// read) into forenames and surname. The rules, in order:
//
//   - An organisation (Limited, LLP, Nominees, a corporate officer) or a
//     social handle ("@priyaraman") is no person and matches no one.
//   - Names with the same letters are the same name when one only joins
//     words of the other ("al hassan", "alhassan") and two people when
//     the letters are split differently ("Eva Nash", "Evan Ash"). A
//     one-word name matches only itself.
//   - Surnames must agree: equal, equal once ä, ö, ü are spelled ae, oe,
//     ue (Müller, Mueller), spelt as the spellings table allows (Rahman,
//     Rehman), or one word of a double surname; for spelling variants
//     (Johnson, Johnston) see the last rule.
//   - First forenames must agree: equal, a nickname or equivalent from the
//     nickname table (Alex, Alexander; Dai, Dafydd; Femi, Oluwafemi), a
//     nickname in brackets or quotes, a spelling or transliteration
//     variant (Jaro-Winkler ≥ 0.95, or the same Double Metaphone code and
//     ≥ 0.80, both at least 5 letters, never a gendered pair such as
//     Christian/Christina, nor one name extending the other), a middle
//     name used as the known name ("Robert Smith", "SMITH, John Robert"),
//     or an initial. An initial stands on the name between two providers'
//     mentions, which are of one company (Merge keeps an initial that fits
//     two people apart); between two register records, or when a mention
//     names no source (an erased name held alone), it needs supporting
//     evidence: the same appointment date, source reference, class of role
//     or month of birth.
//   - A name written without a surname cue may be read surname first
//     ("Smith John"): against a name whose surname is marked, that
//     reading must agree as above; against another unmarked name, word
//     for word.
//   - Middle names given on both sides must agree in order.
//   - Generation suffixes (Jr, Sr, III) must agree; one on one side only
//     marks father or son, unless the month of birth or the source
//     reference shows one person.
//   - Two mentions that both give a month and year of birth (Companies
//     House does, for officers and persons with significant control) are
//     two people when those differ.
//   - Two mentions from the same source with the same class of role and
//     different appointment dates are two appointments, so two people,
//     unless they share a month of birth.
//   - Two mentions from the same source whose names are not the same or
//     the initials form of each other are two people, unless they share a
//     month of birth or a source reference: a source that spells one
//     person two ways is rarer than two people with similar names, but a
//     director's and a PSC record of one person carry the same birth. This
//     holds for the register and its mirror (the sources whose kind is
//     provider.Register or provider.Mirror), where each record is an
//     appointment; a website or profile naming a person twice is not
//     evidence of two people.
//   - A surname spelling variant stands on the name alone when the
//     forenames are written the same and the surnames have at least 6
//     letters, Jaro-Winkler ≥ 0.95 and one Double Metaphone code
//     (Tkatchenko, Tkachenko); otherwise it needs the same appointment
//     date or month of birth.
//
// sources tells the registers apart from the other sources; with nil,
// Same judges as if no source were a register.
//
// Same is symmetric.
func Same(a, b schemas.Executive, sources provider.Sources) (bool, float64) {
	return decide(sourcedMention(a, sources), sourcedMention(b, sources))
}

// sourcedMention is e's mention, marked when a register is among its
// sources.
func sourcedMention(e schemas.Executive, sources provider.Sources) mention {
	m := newMention(e)
	m.register = slices.ContainsFunc(e.Sources, func(s string) bool { return isRegister(sources, s) })
	return m
}

// isRegister reports whether the named source is the register or its
// mirror.
func isRegister(sources provider.Sources, name string) bool {
	ev, ok := sources.Of(name)
	return ok && (ev.Kind == provider.Register || ev.Kind == provider.Mirror)
}

func decide(a, b mention) (bool, float64) {
	if a.notPerson || b.notPerson || len(a.words) == 0 || len(b.words) == 0 {
		return false, 0
	}
	m := compareNames(a.form, b.form)
	ev := evidenceOf(a, b)
	return accepts(m, ev, a, b), min(1, m.sim+ev.bonus())
}

func accepts(m nameMatch, ev evidence, a, b mention) bool {
	switch {
	case m.kind == conflict || ev.birthsDiffer || !generationsAgree(a, b, ev):
		return false
	case ev.sameSource && ev.sameRank && ev.datesDiffer && !ev.sameBirth:
		return false
	case ev.sameRegister && m.kind != exact && m.kind != initialsForm && !ev.sameBirth && !ev.sameRef:
		return false
	case m.initial && (ev.sameRegister || ev.unsourced) && !ev.supports():
		return false
	case m.variantFamily && !ev.sameDate && !ev.sameBirth && !m.plainVariantFamily():
		return false
	}
	return true
}

// generationsAgree applies the father-and-son rule.
func generationsAgree(a, b mention, ev evidence) bool {
	if a.generation == b.generation {
		return true
	}
	oneSided := a.generation == "" || b.generation == ""
	return oneSided && (ev.sameBirth || ev.sameRef)
}
