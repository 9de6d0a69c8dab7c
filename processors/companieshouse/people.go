package companieshouse

import (
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/registermatch"

	"github.com/leadgen/leadgen/schemas"
)

// PSCRole is the Executive.Role of a person with significant control.
const PSCRole = "person-with-significant-control"

// individualPSC is the only PSC kind that is a person; corporate entities
// and legal persons are not executives.
const individualPSC = "individual-person-with-significant-control"

// person is an executive with whether they have left the post.
type person = registermatch.Person

// persons maps officers and PSCs to executives, named as the register
// writes them ("SMITH, John Robert"): the comma marks the surname, which
// the people package needs to match names, and people.Merge shows leads
// the display form ("John Robert Smith"). Officers and PSCs: companies (corporate-*
// officers, non-individual PSCs) are skipped, and current people come
// before former ones, each group in the API's order, officers first. A
// PSC's notified_on and ceased_on stand in for appointed and resigned.
func persons(officers []officer, pscs []psc) []person {
	var out []person
	for _, o := range officers {
		if !strings.HasPrefix(o.OfficerRole, "corporate-") {
			out = appendPerson(out, o.executive())
		}
	}
	for _, p := range pscs {
		if p.Kind == individualPSC {
			out = appendPerson(out, p.executive())
		}
	}
	registermatch.SortCurrentFirst(out)
	return out
}

func appendPerson(out []person, e schemas.Executive) []person {
	if e.Name == "" {
		return out
	}
	return append(out, person{Former: e.ResignedOn != nil, Exec: e})
}

func (o officer) executive() schemas.Executive {
	e := newExecutive(strings.TrimSpace(o.Name), o.OfficerRole, o.AppointedOn, o.ResignedOn,
		firstNonEmpty(o.Links.Officer.Appointments, o.Links.Self))
	e.BirthMonth, e.BirthYear = o.DateOfBirth.monthYear()
	return e
}

func (p psc) executive() schemas.Executive {
	e := newExecutive(pscRegisterName(p), PSCRole, p.NotifiedOn, p.CeasedOn, p.Links.Self)
	e.BirthMonth, e.BirthYear = p.DateOfBirth.monthYear()
	e.NaturesOfControl = controlCodes(p.NaturesOfControl)
	return e
}

func newExecutive(name, role, from, until, ref string) schemas.Executive {
	return schemas.Executive{
		Name: name, NormalizedName: people.Normalize(name), Role: role,
		AppointedOn: optional(from), ResignedOn: optional(until), SourceRef: optional(ref),
		Sources: []string{ProviderName},
	}
}

// monthYear returns both parts of a plausible date of birth, or neither:
// a month without a year (or a month 13) identifies no one.
func (b birth) monthYear() (month, year *int32) {
	if b.Month < 1 || b.Month > 12 || b.Year < 1 || b.Year > 9999 {
		return nil, nil
	}
	m, y := int32(b.Month), int32(b.Year)
	return &m, &y
}

// maxControlCode bounds one natures-of-control code; the longest the
// register documents has 87 characters.
const maxControlCode = 128

// controlCodes keeps the natures-of-control codes in the register's form
// (lower-case letters, digits and hyphens), once each, in the API's order.
// Anything else is not a code, and it would otherwise reach a terminal
// through the lead table.
func controlCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if isControlCode(c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func isControlCode(s string) bool {
	if s == "" || len(s) > maxControlCode {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// pscRegisterName writes a PSC's name the way the register writes an
// officer's, "Surname, Forename Middle", from the structured
// name_elements, so the surname stays marked; without them it is the name
// line, which carries the title.
func pscRegisterName(p psc) string {
	e := p.NameElements
	if strings.TrimSpace(e.Surname) == "" {
		return strings.TrimSpace(p.Name)
	}
	return strings.TrimSpace(strings.TrimSpace(e.Surname) + ", " + strings.Join(strings.Fields(e.Forename+" "+e.MiddleName), " "))
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
