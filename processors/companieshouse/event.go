package companieshouse

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/schemas"
)

// The resource kinds of the streaming API's events that change a result.
const (
	KindOfficer = "company-officers"
	KindPSC     = "company-psc-individual"
	KindProfile = "company-profile"
)

// Refreshes says whether events of kind can change a result: an officer,
// an individual PSC or the company's profile. Other kinds (corporate
// PSCs, filings, charges) cannot.
func Refreshes(kind string) bool {
	return kind == KindOfficer || kind == KindPSC || kind == KindProfile
}

// ApplyEvent returns res, a companies_house result found by the REST API,
// with what the streaming API's event ev says changed: an officer or a
// person with significant control appointed, changed, ceased or deleted,
// or the company's status. The event carries the resource itself, so no
// call is made. changed is false, and res returned as it is, when the
// event changes nothing the result holds (another kind, a corporate
// officer, the same data again, or a result that found no company); an
// event whose data does not decode is an error.
//
// The people keep the confidence the lookup's name match gave them, a
// former one half of it, as the lookup does (internal/registermatch).
func ApplyEvent(res *schemas.DiscoveryResult, ev *schemas.CompaniesHouseEvent) (out *schemas.DiscoveryResult, changed bool, err error) {
	if res == nil || res.Status != schemas.StatusOK || res.Provider != ProviderName {
		return res, false, nil
	}
	c := *res
	switch ev.ResourceKind {
	case KindOfficer, KindPSC:
		e, ok, err := eventPerson(ev)
		if err != nil || !ok {
			return res, false, err
		}
		c.Executives, c.Confidence = withPerson(res, e, ev.EventType == "deleted")
	case KindProfile:
		var p profile
		if err := json.Unmarshal([]byte(ev.Data), &p); err != nil {
			return res, false, fmt.Errorf("companies house event %s: profile: %w", ev.ResourceURI, err)
		}
		if c.Company == nil || p.CompanyStatus == "" {
			return res, false, nil
		}
		company := *c.Company
		company.Status = optional(p.CompanyStatus)
		if p.CompanyName != "" {
			company.Name = p.CompanyName
		}
		c.Company = &company
	default:
		return res, false, nil
	}
	if reflect.DeepEqual(c.Executives, res.Executives) && reflect.DeepEqual(c.Company, res.Company) {
		return res, false, nil
	}
	c.FetchedAt = ev.ReceivedAt.UTC().Truncate(time.Millisecond)
	c.APICalls, c.CostUSD, c.FromCache, c.LatencyMs = 0, 0, false, 0
	return &c, true, nil
}

// eventPerson is the person an officer or PSC event is about, as a lookup
// would have listed them; ok is false for a company (a corporate officer).
func eventPerson(ev *schemas.CompaniesHouseEvent) (schemas.Executive, bool, error) {
	if ev.ResourceKind == KindOfficer {
		var o officer
		if err := json.Unmarshal([]byte(ev.Data), &o); err != nil {
			return schemas.Executive{}, false, fmt.Errorf("companies house event %s: officer: %w", ev.ResourceURI, err)
		}
		if strings.HasPrefix(o.OfficerRole, "corporate-") || strings.TrimSpace(o.Name) == "" {
			return schemas.Executive{}, false, nil
		}
		if o.Links.Self == "" {
			o.Links.Self = ev.ResourceURI
		}
		return o.executive(), true, nil
	}
	var p psc
	if err := json.Unmarshal([]byte(ev.Data), &p); err != nil {
		return schemas.Executive{}, false, fmt.Errorf("companies house event %s: psc: %w", ev.ResourceURI, err)
	}
	if p.Links.Self == "" {
		p.Links.Self = ev.ResourceURI
	}
	e := p.executive()
	return e, e.Name != "", nil
}

// withPerson is res's people with e in place of the entry for the same
// appointment (or added), or without it when deleted, and the result's
// confidence, both worked out as the lookup does.
func withPerson(res *schemas.DiscoveryResult, e schemas.Executive, deleted bool) ([]schemas.Executive, float64) {
	match := matchScore(res)
	ps := make([]registermatch.Person, 0, len(res.Executives)+1)
	found := false
	for _, x := range res.Executives {
		if sameAppointment(x, e) {
			found = true
			if deleted {
				continue
			}
			x = e
		}
		ps = append(ps, registermatch.Person{Former: x.ResignedOn != nil, Exec: x})
	}
	if !found && !deleted {
		ps = append(ps, registermatch.Person{Former: e.ResignedOn != nil, Exec: e})
	}
	registermatch.SortCurrentFirst(ps)
	return registermatch.Executives(match, ps), registermatch.Confidence(match, ps)
}

// matchScore is the name match a result's confidences were worked out
// from: a current person's confidence, twice a former one's, or twice the
// result's when it names no one (registermatch.Confidence).
func matchScore(res *schemas.DiscoveryResult) float64 {
	if i := slices.IndexFunc(res.Executives, func(x schemas.Executive) bool { return x.ResignedOn == nil }); i >= 0 {
		return res.Executives[i].Confidence
	}
	if len(res.Executives) > 0 {
		return min(1, res.Executives[0].Confidence/registermatch.FormerFactor)
	}
	return min(1, 2*res.Confidence)
}

// sameAppointment says whether x and e are one appointment: the same role
// and either the same reference at Companies House or, where one lacks
// it (the REST list links an officer's appointments, an event its own
// resource), the same normalised name.
func sameAppointment(x, e schemas.Executive) bool {
	if x.Role != e.Role {
		return false
	}
	if x.SourceRef != nil && e.SourceRef != nil && *x.SourceRef == *e.SourceRef {
		return true
	}
	return x.NormalizedName == e.NormalizedName
}
