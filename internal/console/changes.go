package console

import (
	"fmt"
	"slices"

	"github.com/leadgen/leadgen/schemas"
)

// version is one lead version and what changed since the one before.
type version struct {
	Lead    *schemas.EnrichedLead
	Changes []string
}

// compare pairs each version with its changes, oldest first.
func compare(vs []*schemas.EnrichedLead) []version {
	out := make([]version, len(vs))
	for i, l := range vs {
		out[i].Lead = l
		if i == 0 {
			out[i].Changes = []string{"first version"}
			continue
		}
		out[i].Changes = changes(vs[i-1], l)
	}
	return out
}

// changes says in words what differs between two versions of a lead.
func changes(a, b *schemas.EnrichedLead) []string {
	var out []string
	if a.LeadScore != b.LeadScore {
		out = append(out, fmt.Sprintf("score %.1f → %.1f", a.LeadScore, b.LeadScore))
	}
	if deref(a.CompanyStatus) != deref(b.CompanyStatus) {
		out = append(out, fmt.Sprintf("status %s → %s", deref(a.CompanyStatus), deref(b.CompanyStatus)))
	}
	if !slices.Equal(a.ProvidersOK, b.ProvidersOK) || !slices.Equal(a.ProvidersFailed, b.ProvidersFailed) {
		out = append(out, fmt.Sprintf("providers ok %v, failed %v", b.ProvidersOK, b.ProvidersFailed))
	}
	before, after := names(a), names(b)
	for _, n := range after {
		if !slices.Contains(before, n) {
			out = append(out, "added "+n)
		}
	}
	for _, n := range before {
		if !slices.Contains(after, n) {
			out = append(out, "removed "+n)
		}
	}
	if len(out) == 0 {
		out = append(out, "no visible change")
	}
	return out
}

func names(l *schemas.EnrichedLead) []string {
	out := make([]string, len(l.Executives))
	for i, e := range l.Executives {
		out[i] = e.Name
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
