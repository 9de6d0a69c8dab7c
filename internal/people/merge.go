package people

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// unknownSourceWeight is the weight of a source the table does not list.
const unknownSourceWeight = 0.3

// unknownRank places a source the table does not list after every listed
// one.
const unknownRank = math.MaxInt

// sourceEvidence is how far one mention from source alone is believed and
// how official the source is (provider.Evidence, from the registry).
func sourceEvidence(sources provider.Sources, source string) (weight float64, rank int) {
	if e, ok := sources.Of(source); ok {
		return e.Weight, e.Rank
	}
	return unknownSourceWeight, unknownRank
}

// entry is one executive as one provider reported it.
type entry struct {
	exec   schemas.Executive
	source string
	conf   float64
	// rank is the source's Evidence.Rank: lower is more official.
	rank int
	m    mention
}

// Merge collects the executives of every result, except results whose
// Status is FAILED (a failed provider yields no people), clusters them
// into people with Same, and returns one Executive per person. sources
// say how far each source is believed and how official it is (the
// registry's, handed down by the aggregator); a source they do not list
// weighs unknownSourceWeight and ranks last.
//
//   - Name is the display form (see DisplayName) of the fullest name, the
//     one with the most full words, then the most words; NormalizedName
//     is its normalised form.
//   - Role and SourceRef come from the most official source (lowest
//     Evidence.Rank); at that source the most senior role wins.
//   - AppointedOn is the earliest date given; ResignedOn is set, to the
//     latest date, only if every mention says the person resigned.
//   - Sources are the sorted provider names of the mentions.
//   - BirthMonth and BirthYear come from the most official mention that
//     gives them (Companies House), both or neither; mentions with
//     different ones are never merged.
//   - NaturesOfControl is the union of every mention's codes, each once,
//     in the order the most official source lists them.
//   - Seniority and Function come from every mention's role (see
//     internal/seniority.Best): the most senior level wins.
//   - ProfileURLs hold, per source, the first reference the source gave
//     that is an http or https URL, ordered by source.
//   - OtherDirectorships is the count a Detail source (the Companies
//     House appointments provider) gives for a reference of the person,
//     nil when none does. Detail sources name no people of their own:
//     their mentions only add this detail.
//   - Confidence is 1 − Π(1 − cₛ) over the distinct sources s, where cₛ is
//     the source weight (companies_house 0.9, website 0.6, x 0.5, linkedin
//     0.5, facebook 0.4, other 0.3) times the result's Confidence times
//     the mention's link (its best Same score with another mention of the
//     person, 1 for a person named once), the highest if a source named
//     the person twice. Agreeing independent sources raise it, the more
//     so the stronger the evidence that joined them; repeating one source
//     does not.
//
// Mentions that are not people are left out: organisations (Limited,
// LLP, Nominees, corporate officers), social handles, and the name of
// the company itself as a result's profile gives it.
//
// People are ordered current first, then by role (director, person with
// significant control, secretary, other), then by name. The output is
// the same for the same results in any order.
func Merge(results []*schemas.DiscoveryResult, sources provider.Sources) []schemas.Executive {
	groups := resolve(results, sources)
	people := make([]schemas.Executive, 0, len(groups))
	for _, group := range groups {
		people = append(people, combine(group))
	}
	slices.SortStableFunc(people, comparePeople)
	addDirectorships(people, results, sources)
	return people
}

// resolve collects the people mentioned in results and groups their
// mentions by person, each entry's confidence weighed by its link.
func resolve(results []*schemas.DiscoveryResult, sources provider.Sources) [][]entry {
	entries := collect(results, sources)
	ms := make([]mention, len(entries))
	for i, e := range entries {
		ms[i] = e.m
	}
	c := cluster(ms)
	for i := range entries {
		entries[i].conf *= c.link(i)
	}
	var out [][]entry
	for _, group := range c.groups() {
		out = append(out, pick(entries, group))
	}
	return out
}

// collect flattens the results into entries in canonical order.
func collect(results []*schemas.DiscoveryResult, sources provider.Sources) []entry {
	n := 0
	for _, r := range results {
		if r != nil {
			n += len(r.Executives)
		}
	}
	entries := make([]entry, 0, n)
	company := companyNames(results)
	for _, r := range results {
		if r == nil || r.Status == schemas.StatusFailed || isDetail(sources, r.Provider) {
			continue
		}
		name := strings.ToLower(strings.TrimSpace(r.Provider))
		for _, e := range r.Executives {
			source := sourceOf(r, e, name)
			weight, rank := sourceEvidence(sources, source)
			conf := weight * math.Min(1, math.Max(0, r.Confidence))
			e.Sources = []string{source}
			m := newMention(e)
			m.register = isRegister(sources, source)
			if len(m.words) > 0 && !m.notPerson && !company[strings.Join(m.words, " ")] {
				entries = append(entries, entry{exec: e, source: source, conf: conf, rank: rank, m: m})
			}
		}
	}
	return sortEntries(entries)
}

// sortEntries puts entries in canonical order; it sorts their indexes,
// so the large entries are compared in place and moved once.
func sortEntries(entries []entry) []entry {
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareEntries(&entries[i], &entries[j]) })
	out := make([]entry, len(entries))
	for i, k := range order {
		out[i] = entries[k]
	}
	return out
}

// companyNames are the normalised names of the company in the results'
// profiles, with and without legal-form words ("acme widgets limited",
// "acme widgets"): a mention with one of these names is the company's
// own account, not a person.
func companyNames(results []*schemas.DiscoveryResult) map[string]bool {
	out := map[string]bool{}
	for _, r := range results {
		if r == nil || r.Company == nil {
			continue
		}
		words := tokens(r.Company.Name)
		out[strings.Join(words, " ")] = true
		words = slices.DeleteFunc(words, func(w string) bool { return corporateWords[w] || w == "co" })
		out[strings.Join(words, " ")] = true
	}
	delete(out, "")
	return out
}

// sourceOf is where a mention really came from: the provider, or, for a
// fallback answered by a secondary API, the source the person names.
func sourceOf(r *schemas.DiscoveryResult, e schemas.Executive, provider string) string {
	if r.Layer == schemas.LayerSecondary && len(e.Sources) == 1 && strings.TrimSpace(e.Sources[0]) != "" {
		return strings.ToLower(strings.TrimSpace(e.Sources[0]))
	}
	return provider
}

func compareEntries(a, b *entry) int {
	return cmp.Or(
		cmp.Compare(a.rank, b.rank),
		strings.Compare(a.source, b.source),
		slices.Compare(a.m.words, b.m.words),
		cmp.Compare(a.m.rank, b.m.rank),
		strings.Compare(a.m.appointed, b.m.appointed),
		strings.Compare(deref(a.exec.ResignedOn), deref(b.exec.ResignedOn)),
		strings.Compare(a.m.ref, b.m.ref),
		strings.Compare(a.m.born, b.m.born),
		slices.Compare(a.exec.NaturesOfControl, b.exec.NaturesOfControl),
		strings.Compare(a.exec.Name, b.exec.Name),
		strings.Compare(a.exec.NormalizedName, b.exec.NormalizedName),
		strings.Compare(a.exec.Role, b.exec.Role),
		cmp.Compare(b.conf, a.conf),
	)
}

func pick(entries []entry, group []int) []entry {
	out := make([]entry, len(group))
	for i, k := range group {
		out[i] = entries[k]
	}
	return out
}

// comparePeople orders merged people for the lead.
func comparePeople(a, b schemas.Executive) int {
	return cmp.Or(
		cmp.Compare(resigned(a), resigned(b)),
		cmp.Compare(rankOf(a.Role), rankOf(b.Role)),
		strings.Compare(a.NormalizedName, b.NormalizedName),
		strings.Compare(a.Name, b.Name),
		strings.Compare(deref(a.AppointedOn), deref(b.AppointedOn)),
		strings.Compare(deref(a.SourceRef), deref(b.SourceRef)),
		strings.Compare(strings.Join(a.Sources, ","), strings.Join(b.Sources, ",")),
		strings.Compare(a.Role, b.Role),
		strings.Compare(bornOf(a), bornOf(b)),
		slices.Compare(a.NaturesOfControl, b.NaturesOfControl),
		cmp.Compare(b.Confidence, a.Confidence),
	)
}

// resigned is 1 for a former officer, so current people sort first.
func resigned(e schemas.Executive) int {
	if deref(e.ResignedOn) != "" {
		return 1
	}
	return 0
}
