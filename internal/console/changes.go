package console

import (
	"fmt"
	"slices"

	"github.com/leadgen/leadgen/internal/leadchange"
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

// changes says in words what differs between two versions of a lead: the
// people and the company's status in the sentences the lead-changes topic
// carries (leadchange.Describe), then the score and the providers, which
// the console shows as well.
func changes(a, b *schemas.EnrichedLead) []string {
	var out []string
	for _, it := range leadchange.Describe(a, b) {
		out = append(out, it.Text)
	}
	if a.LeadScore != b.LeadScore {
		out = append(out, fmt.Sprintf("score %.1f → %.1f", a.LeadScore, b.LeadScore))
	}
	if !slices.Equal(a.ProvidersOK, b.ProvidersOK) || !slices.Equal(a.ProvidersFailed, b.ProvidersFailed) {
		out = append(out, fmt.Sprintf("providers ok %v, failed %v", b.ProvidersOK, b.ProvidersFailed))
	}
	if len(out) == 0 {
		out = append(out, "no visible change")
	}
	return out
}
