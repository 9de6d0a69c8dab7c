package website

import (
	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/schemas"
)

// The confidence formulas. The evidence:
//
//   - site: the pages are the requested domain's own, so whatever they
//     say is the company's word about itself (always true here);
//   - name: the similarity (see similarity) of the normalised requested name
//     and the Organization's name or legal name, counted only at or above
//     MatchThreshold (a site naming another company earns nothing);
//   - url: the Organization's stated url is on the requested domain.
//
// Result confidence = 0.4 + 0.4 × name + 0.2 × url: a site naming the
// requested company at its own address scores 1, a site whose JSON-LD
// names people but no company 0.4. A person's confidence is the result's,
// × 0.8 when the page gives no job title (only "employee" or "member"),
// × 0.5 when a Role says they have left.
const (
	siteWeight     = 0.4
	nameWeight     = 0.4
	urlWeight      = 0.2
	untitledFactor = 0.8
	formerFactor   = 0.5
)

// evidence is what a lookup's confidence rests on.
type evidence struct {
	name float64
	url  bool
}

func (l *lookup) evidence() evidence {
	var ev evidence
	o := l.facts.org
	if o == nil {
		return ev
	}
	want := companyname.Normalize(l.req.CompanyName)
	for _, got := range []string{o.name, o.legalName} {
		if s := companyname.Similarity(want, companyname.Normalize(got)); s >= l.c.cfg.MatchThreshold {
			ev.name = max(ev.name, s)
		}
	}
	ev.url = o.url != "" && sameSite(o.url, l.host)
	return ev
}

func (ev evidence) result() float64 {
	c := siteWeight + nameWeight*ev.name
	if ev.url {
		c += urlWeight
	}
	return c
}

// executives turns the people into executives, current before former,
// each group in the order the pages named them.
func executives(ps []person, ev evidence) []schemas.Executive {
	out := make([]schemas.Executive, 0, len(ps))
	for _, former := range []bool{false, true} {
		for _, p := range ps {
			if (p.role.end != "") == former {
				out = append(out, executive(p, ev.result()))
			}
		}
	}
	return out
}

func executive(p person, result float64) schemas.Executive {
	c := result
	if !p.role.stated {
		c *= untitledFactor
	}
	if p.role.end != "" {
		c *= formerFactor
	}
	return schemas.Executive{
		Name: people.DisplayName(p.name), NormalizedName: p.key, Role: p.role.title,
		AppointedOn: optional(p.role.start), ResignedOn: optional(p.role.end),
		SourceRef: optional(p.ref), Sources: []string{ProviderName}, Confidence: c,
	}
}
