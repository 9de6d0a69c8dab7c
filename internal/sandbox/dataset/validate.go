package dataset

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The forms of a company's facts.
var (
	numberForm = regexp.MustCompile(`^([0-9]{8}|(SC|NI|OC)[0-9]{6})$`)
	titleForm  = regexp.MustCompile(` (LIMITED|LTD|PLC|LLP)$`)
	sicForm    = regexp.MustCompile(`^[0-9]{5}$`)
)

// The values a company's facts take.
var (
	statuses      = []string{"active", "dissolved", "liquidation"}
	companyTypes  = []string{"ltd", "plc", "llp"}
	jurisdictions = []string{"england-wales", "scotland", "northern-ireland"}
)

// problems lists what is wrong with a record, each as a phrase.
type problems []string

// check adds the problem of format and args unless ok.
func (p *problems) check(ok bool, format string, args ...any) {
	if !ok {
		*p = append(*p, fmt.Sprintf(format, args...))
	}
}

// date adds a date not in DateLayout, and a missing one that is
// required.
func (p *problems) date(member, date string, required bool) {
	if date == "" {
		p.check(!required, "%s is required", member)
		return
	}
	_, err := time.Parse(DateLayout, date)
	p.check(err == nil, "%s %q is not a date YYYY-MM-DD", member, date)
}

// birth adds a month of birth without a year or the other way round,
// and a month outside 1..12.
func (p *problems) birth(month, year int) {
	p.check((month == 0) == (year == 0) && month >= 0 && month <= 12,
		"birth_month %d and birth_year %d are not a month and year", month, year)
}

// within adds the problems of the i-th (from 1) officer or PSC called
// name, naming it.
func (p *problems) within(what string, i int, name string, of problems) {
	for _, s := range of {
		*p = append(*p, fmt.Sprintf("%s %d (%s): %s", what, i+1, name, s))
	}
}

// err is the problems as one error, or nil when there are none.
func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return errors.New(strings.Join(p, "; "))
}

// validate reports every fact of the company the simulated APIs could
// not render as the real ones would, naming the officer or PSC it
// belongs to.
func (c Company) validate() error {
	var p problems
	p.check(numberForm.MatchString(c.Number), "number %q is not 8 characters of the registry's form", c.Number)
	p.check(titleForm.MatchString(c.Name), "name %q does not end in a legal form", c.Name)
	p.check(slices.Contains(statuses, c.Status), "unknown status %q", c.Status)
	p.check(slices.Contains(companyTypes, c.Type), "unknown type %q", c.Type)
	p.check(slices.Contains(jurisdictions, c.Jurisdiction), "unknown jurisdiction %q", c.Jurisdiction)
	p.date("created_on", c.CreatedOn, true)
	p.date("ceased_on", c.CeasedOn, false)
	p.check((c.Status == "dissolved") == (c.CeasedOn != ""), "ceased_on %q does not match status %q", c.CeasedOn, c.Status)
	p.check(strings.HasSuffix(c.Domain, ".example"), "domain %q is not under the reserved .example", c.Domain)
	p.check(len(c.SICCodes) > 0 && !slices.ContainsFunc(c.SICCodes, func(s string) bool { return !sicForm.MatchString(s) }),
		"sic_codes %q are not one or more codes of 5 digits", c.SICCodes)
	p.check(len(c.Officers) > 0, "no officers")
	for i, o := range c.Officers {
		p.within("officer", i, o.Name, o.problems())
	}
	for i, ps := range c.PSCs {
		p.within("psc", i, ps.Name, ps.problems())
	}
	return p.err()
}

func (o Officer) problems() problems {
	var p problems
	p.check(o.ID != "" && o.AppointmentID != "", "id and appointment_id are required")
	p.check(o.Name != "" && o.Role != "", "name and role are required")
	p.date("appointed_on", o.AppointedOn, true)
	p.date("resigned_on", o.ResignedOn, false)
	p.birth(o.BirthMonth, o.BirthYear)
	return p
}

func (ps PSC) problems() problems {
	var p problems
	person := ps.Kind == PSCIndividual
	p.check(ps.ID != "" && ps.Name != "", "id and name are required")
	p.check(person || ps.Kind == PSCCorporate, "unknown kind %q", ps.Kind)
	p.check(!person || (ps.Forename != "" && ps.Surname != ""), "a person needs forename and surname")
	p.check(person || ps.RegistrationNumber != "", "a corporate entity needs registration_number")
	p.date("notified_on", ps.NotifiedOn, true)
	p.date("ceased_on", ps.CeasedOn, false)
	p.check(len(ps.NaturesOfControl) > 0, "no natures_of_control")
	p.birth(ps.BirthMonth, ps.BirthYear)
	return p
}
