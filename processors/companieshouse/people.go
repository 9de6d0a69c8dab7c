package companieshouse

import (
	"github.com/leadgen/leadgen/internal/people"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/schemas"
)

// PSCRole is the Executive.Role of a person with significant control.
const PSCRole = "person-with-significant-control"

// individualPSC is the only PSC kind that is a person; corporate entities
// and legal persons are not executives.
const individualPSC = "individual-person-with-significant-control"

// person is an executive with whether they have left the post.
type person struct {
	exec   schemas.Executive
	former bool
}

// persons maps officers and PSCs to executives: companies (corporate-*
// officers, non-individual PSCs) are skipped, and current people come
// before former ones, each group in the API's order, officers first. A
// PSC's notified_on and ceased_on stand in for appointed and resigned.
func persons(officers []officer, pscs []psc) []person {
	var out []person
	for _, o := range officers {
		if !strings.HasPrefix(o.OfficerRole, "corporate-") {
			out = appendPerson(out, people.DisplayName(o.Name), o.OfficerRole, o.AppointedOn, o.ResignedOn,
				firstNonEmpty(o.Links.Officer.Appointments, o.Links.Self))
		}
	}
	for _, p := range pscs {
		if p.Kind == individualPSC {
			out = appendPerson(out, pscDisplayName(p), PSCRole, p.NotifiedOn, p.CeasedOn, p.Links.Self)
		}
	}
	slices.SortStableFunc(out, func(a, b person) int { return compareBool(a.former, b.former) })
	return out
}

func appendPerson(out []person, name, role, from, until, ref string) []person {
	if name == "" {
		return out
	}
	return append(out, person{former: until != "", exec: schemas.Executive{
		Name: name, NormalizedName: people.Normalize(name), Role: role,
		AppointedOn: optional(from), ResignedOn: optional(until), SourceRef: optional(ref),
		Sources: []string{ProviderName},
	}})
}

// pscDisplayName prefers the structured name_elements over the name line,
// which carries the title.
func pscDisplayName(p psc) string {
	e := p.NameElements
	if e.Surname == "" {
		return people.DisplayName(p.Name)
	}
	return people.DisplayName(e.Surname + ", " + e.Forename + " " + e.MiddleName)
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	default:
		return 1
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
