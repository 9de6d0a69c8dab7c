package dataset

import (
	"fmt"
	"strings"
	"time"
)

// person is a generated individual; the same person renders once as an
// officer ("SMITH, John Robert") and maybe again as a PSC ("Mr John
// Robert Smith"), which is the variant downstream dedupe must merge.
type person struct {
	title, forename, middle, surname string
	// honour is written after the officer name, as in "OKAFOR, Ada, Dr".
	honour                string
	birthMonth, birthYear int
	nationality           string
}

// appointment is one generated officer: a person, or a company when
// corporate is set.
type appointment struct {
	id, appointmentID   string
	who                 person
	corporate           string
	role, occupation    string
	appointed, resigned string
}

// pscRegisterStart is when the PSC register began: nobody was notified
// before it.
const pscRegisterStart = "2016-04-06"

func (g *generator) appointments(created time.Time, base string) []appointment {
	n := 2 + g.rng.IntN(7)
	apps := make([]appointment, 0, n)
	hasSecretary, hasCorporate := false, false
	for i := range n {
		a := appointment{id: g.id(), appointmentID: g.id(), role: "director"}
		switch {
		case i > 0 && !hasCorporate && g.chance(0.1):
			a.role, a.corporate, hasCorporate = "corporate-director", base+" NOMINEES LIMITED", true
		case i > 0 && !hasSecretary && g.chance(0.25):
			a.role, a.who, hasSecretary = "secretary", g.person(), true
		default:
			a.who, a.occupation = g.person(), g.pick(occupations)
		}
		appointed := created
		if i > 0 {
			appointed = g.dateBetween(created, End)
		}
		a.appointed = appointed.Format(DateLayout)
		if i > 0 && g.chance(0.25) {
			a.resigned = g.dateBetween(appointed.AddDate(0, 1, 0), End).Format(DateLayout)
		}
		apps = append(apps, a)
	}
	return apps
}

func (g *generator) person() person {
	forenames, title := maleForenames, "Mr"
	if g.chance(0.5) {
		forenames, title = femaleForenames, g.pick([]string{"Mrs", "Ms", "Miss"})
	}
	p := person{
		title: title, forename: g.pick(forenames), surname: g.pick(surnames),
		birthMonth: g.rng.IntN(12) + 1, birthYear: 1950 + g.rng.IntN(46),
		nationality: g.pick([]string{"British", "British", "British", "Irish", "Polish", "Nigerian"}),
	}
	if g.chance(0.4) {
		if m := g.pick(forenames); m != p.forename {
			p.middle = m
		}
	}
	if g.chance(0.06) {
		p.title, p.honour = "Dr", "Dr"
	}
	return p
}

func renderOfficers(apps []appointment) []Officer {
	out := make([]Officer, len(apps))
	for i, a := range apps {
		o := Officer{ID: a.id, AppointmentID: a.appointmentID, Role: a.role,
			AppointedOn: a.appointed, ResignedOn: a.resigned, Name: a.corporate}
		if a.corporate == "" {
			o.Name = a.who.officerName()
		}
		if a.role == "director" {
			o.Occupation, o.Nationality, o.Residence = a.occupation, a.who.nationality, "United Kingdom"
			o.BirthMonth, o.BirthYear = a.who.birthMonth, a.who.birthYear
		}
		out[i] = o
	}
	return out
}

func (p person) officerName() string {
	name := strings.ToUpper(p.surname) + ", " + p.forenames()
	if p.honour != "" {
		name += ", " + p.honour
	}
	return name
}

func (p person) forenames() string {
	return strings.TrimSpace(p.forename + " " + p.middle)
}

// pscs names the first director as the controlling person, sometimes a
// second individual, and sometimes a holding company.
func (g *generator) pscs(apps []appointment, base string) []PSC {
	var out []PSC
	for _, a := range apps {
		if a.corporate != "" || (a.resigned != "" && a.resigned < pscRegisterStart) {
			continue
		}
		if len(out) > 0 && !g.chance(0.25) {
			continue
		}
		out = append(out, g.individualPSC(a, len(out) == 0))
		if len(out) == 2 {
			break
		}
	}
	if g.chance(0.15) {
		out = append(out, PSC{
			ID: g.id(), Kind: PSCCorporate, Name: base + " HOLDINGS LIMITED",
			NotifiedOn: pscRegisterStart, NaturesOfControl: controlQuarter,
			RegistrationNumber: fmt.Sprintf("%08d", g.rng.IntN(16_000_000)+1),
		})
	}
	return out
}

func (g *generator) individualPSC(a appointment, first bool) PSC {
	p := a.who
	control := controlQuarter
	if first {
		control = controlMajority
	}
	return PSC{
		ID: g.id(), Kind: PSCIndividual,
		Name:  strings.Join(strings.Fields(p.title+" "+p.forenames()+" "+p.surname), " "),
		Title: p.title, Forename: p.forename, MiddleName: p.middle, Surname: p.surname,
		NotifiedOn: max(a.appointed, pscRegisterStart), CeasedOn: a.resigned,
		NaturesOfControl: control, Nationality: p.nationality, Residence: "United Kingdom",
		BirthMonth: p.birthMonth, BirthYear: p.birthYear,
	}
}

// The natures of control the generator gives its PSCs.
var (
	controlMajority = []string{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent", "right-to-appoint-and-remove-directors"}
	controlQuarter  = []string{"ownership-of-shares-25-to-50-percent"}
)
