package people

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/leadgen/leadgen/schemas"
)

// combine builds one person from the entries of one cluster, which are in
// canonical order (most official source first).
func combine(group []entry) schemas.Executive {
	full := fullest(group)
	lead := mostOfficial(group)
	month, year := bornIn(group)
	ref := sourceRef(lead, group)
	level, function := levelOf(group)
	return schemas.Executive{
		Name:             DisplayName(full.m.raw),
		NormalizedName:   strings.Join(full.m.words, " "),
		Role:             lead.exec.Role,
		AppointedOn:      earliestAppointment(group),
		ResignedOn:       latestResignation(group),
		SourceRef:        ref,
		SourceRefs:       sourceRefs(ref, group),
		Sources:          sources(group),
		Confidence:       confidence(group),
		BirthMonth:       month,
		BirthYear:        year,
		NaturesOfControl: naturesOfControl(group),
		Seniority:        level,
		Function:         function,
		ProfileURLs:      profileURLs(group),
	}
}

// bornIn returns the month and year of birth of the most official entry
// that gives them (only Companies House does), as copies, or nil, nil.
// Same keeps mentions whose dates differ apart, so every dated entry of a
// group agrees.
func bornIn(group []entry) (month, year *int32) {
	for _, e := range group {
		if e.m.born != "" {
			m, y := *e.exec.BirthMonth, *e.exec.BirthYear
			return &m, &y
		}
	}
	return nil, nil
}

// naturesOfControl is the union of the entries' natures-of-control codes,
// each once, in the order the most official entries give them.
func naturesOfControl(group []entry) []string {
	var out []string
	for _, e := range group {
		for _, c := range e.exec.NaturesOfControl {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// fullest returns the entry with the most full (non-initial) words, then
// the most words, then the longest normalised name.
func fullest(group []entry) entry {
	best := group[0]
	for _, e := range group[1:] {
		if e.m.full.beats(best.m.full) {
			best = e
		}
	}
	return best
}

type fullnessScore struct{ full, words, runes int }

func fullness(words []string) fullnessScore {
	var f fullnessScore
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if n > 1 {
			f.full++
		}
		f.words++
		f.runes += n
	}
	return f
}

func (f fullnessScore) beats(g fullnessScore) bool {
	if f.full != g.full {
		return f.full > g.full
	}
	if f.words != g.words {
		return f.words > g.words
	}
	return f.runes > g.runes
}

// mostOfficial returns the entry from the most official source and, at
// that source, with the most senior role.
func mostOfficial(group []entry) entry {
	best := group[0]
	for _, e := range group[1:] {
		if e.source == best.source && e.m.rank < best.m.rank {
			best = e
		}
	}
	return best
}

// sourceRef is the lead entry's reference, else the first one given in
// official order.
func sourceRef(lead entry, group []entry) *string {
	ref := lead.m.ref
	for i := 0; ref == "" && i < len(group); i++ {
		ref = group[i].m.ref
	}
	if ref == "" {
		return nil
	}
	return &ref
}

// sourceRefs are every distinct reference of the group, first the one
// the person's SourceRef gives, then the others in canonical order.
func sourceRefs(first *string, group []entry) []string {
	var out []string
	if first != nil {
		out = append(out, *first)
	}
	for _, e := range group {
		if e.m.ref != "" && !slices.Contains(out, e.m.ref) {
			out = append(out, e.m.ref)
		}
	}
	return out
}

func earliestAppointment(group []entry) *string {
	var dates []string
	for _, e := range group {
		if e.m.appointed != "" {
			dates = append(dates, e.m.appointed)
		}
	}
	if len(dates) == 0 {
		return nil
	}
	d := slices.Min(dates)
	return &d
}

// latestResignation is nil while any mention shows the person current.
func latestResignation(group []entry) *string {
	var dates []string
	for _, e := range group {
		d := deref(e.exec.ResignedOn)
		if d == "" {
			return nil
		}
		dates = append(dates, d)
	}
	d := slices.Max(dates)
	return &d
}

func sources(group []entry) []string {
	out := make([]string, 0, len(group))
	for _, e := range group {
		out = append(out, e.source)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// confidence is 1 − Π(1 − cₛ) over distinct sources, cₛ being the best
// mention of source s, rounded to 4 decimals.
func confidence(group []entry) float64 {
	best := map[string]float64{}
	for _, e := range group {
		best[e.source] = math.Max(best[e.source], e.conf)
	}
	doubt := 1.0
	for _, s := range sources(group) {
		doubt *= 1 - best[s]
	}
	return math.Round((1-doubt)*1e4) / 1e4
}
