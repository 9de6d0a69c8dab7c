package provider

import "slices"

// Kind is what sort of source a provider is, for scoring.
type Kind int

// The kinds, most official first.
const (
	// Register is the official register of companies (Companies House)
	// and what it publishes.
	Register Kind = iota + 1
	// Mirror is a copy of the register, sometimes behind (OpenCorporates).
	Mirror
	// Web is the company's own website.
	Web
	// Social is a social profile: anyone can claim a job title there.
	Social
	// Detail adds detail about people another source names (officers'
	// other appointments) and counts toward no score component.
	Detail
)

// Evidence is how far leadgen believes a source.
type Evidence struct {
	// Weight is how far one mention of a person by this source alone is
	// believed, 0..1.
	Weight float64
	// Kind decides the score component the source counts toward: Register
	// for official presence, Web and Social for web presence.
	Kind Kind
	// Rank orders sources from most (0) to least official; the most
	// official source picks a merged person's role and reference and the
	// company profile the others must agree with.
	Rank int
}

// Source is one source's evidence under its name.
type Source struct {
	Name string
	Evidence
}

// Sources is the evidence of every source, most official first: the
// registry builds it from the specs and the aggregator hands it to
// internal/people and internal/score, which must not import the
// providers.
type Sources []Source

// Of returns the evidence of the named source; ok is false for a source
// not listed.
func (s Sources) Of(name string) (Evidence, bool) {
	i := slices.IndexFunc(s, func(x Source) bool { return x.Name == name })
	if i < 0 {
		return Evidence{}, false
	}
	return s[i].Evidence, true
}

// Names returns the names of the sources of the given kinds, in order.
func (s Sources) Names(kinds ...Kind) []string {
	var out []string
	for _, x := range s {
		if slices.Contains(kinds, x.Kind) {
			out = append(out, x.Name)
		}
	}
	return out
}
