package apply

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Finding is one person on a current lead whom a person erasure erases,
// or would erase at another company, or nearly matches.
type Finding struct {
	LeadKey   string
	RequestID string
	Company   string // the company's name
	Name      string // the person's name as the lead gives it
	Verdict   erasure.Verdict
	Score     float64 // the names' similarity, 0..1
}

// Plan is what an erasure changes in the current leads.
type Plan struct {
	Erasure erasure.Erasure
	// Leads are the keys of the current leads the erasure changes: a
	// company erasure tombstones them; a person erasure has a new version
	// of each written without the person.
	Leads []string
	// Findings are, for a person erasure, the people of the current leads
	// judged Erased, OtherCompany or Near, by lead key, then name.
	Findings []Finding

	current map[string]*schemas.EnrichedLead // the current version of each of Leads
}

// Preview finds what e would change in the current leads, reading the
// compacted leads topic to its stable end; it writes nothing.
func Preview(ctx context.Context, opts []kgo.Opt, names topics.Names, e erasure.Erasure) (Plan, error) {
	latest := map[string]*schemas.EnrichedLead{}
	if err := leadview.Read(ctx, opts, names.Leads(), false, func(ev leadview.Event) { latest[ev.Key] = ev.Lead }); err != nil {
		return Plan{}, err
	}
	p := Plan{Erasure: e, current: map[string]*schemas.EnrichedLead{}}
	for key, l := range latest {
		if l != nil {
			p.judge(key, l)
		}
	}
	slices.Sort(p.Leads)
	slices.SortFunc(p.Findings, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.LeadKey, b.LeadKey), strings.Compare(a.Name, b.Name))
	})
	return p, nil
}

// judge adds what the erasure does to the lead keyed key.
func (p *Plan) judge(key string, l *schemas.EnrichedLead) {
	e := p.Erasure
	if e.Kind == erasure.Company {
		if key == e.Value || l.CompanyNumber != nil && strings.ToUpper(*l.CompanyNumber) == e.Value {
			p.affects(key, l)
		}
		return
	}
	for _, x := range l.Executives {
		v, score := e.Judge(key, x)
		if v == erasure.Unrelated {
			continue
		}
		p.Findings = append(p.Findings, Finding{LeadKey: key, RequestID: l.RequestID, Company: l.CompanyName,
			Name: x.Name, Verdict: v, Score: score})
		if v == erasure.Erased {
			p.affects(key, l)
		}
	}
}

func (p *Plan) affects(key string, l *schemas.EnrichedLead) {
	if _, ok := p.current[key]; !ok {
		p.Leads = append(p.Leads, key)
		p.current[key] = l
	}
}
