package dataset

import (
	"slices"
	"strings"
	"sync"
)

// Company is one fictional company of the sandbox dataset, with the facts
// every simulated API renders.
type Company struct {
	// Number is the 8-character company number: digits, or a two-letter
	// prefix (SC Scotland, NI Northern Ireland, OC LLP) and six digits.
	Number string `yaml:"number"`
	// Name is the registered title, ending in LIMITED, LTD, PLC or LLP.
	Name string `yaml:"name"`
	// Status is a Companies House company_status: active, dissolved or
	// liquidation.
	Status string `yaml:"status"`
	// Type is a Companies House company type: ltd, plc or llp.
	Type string `yaml:"type"`
	// Jurisdiction is england-wales, scotland or northern-ireland.
	Jurisdiction string `yaml:"jurisdiction"`
	// CreatedOn and CeasedOn are YYYY-MM-DD; CeasedOn is empty unless the
	// company is dissolved.
	CreatedOn string  `yaml:"created_on"`
	CeasedOn  string  `yaml:"ceased_on,omitempty"`
	Address   Address `yaml:"address"`
	// Domain is the company's website host, always under .example.
	Domain   string    `yaml:"domain"`
	SICCodes []string  `yaml:"sic_codes"`
	Officers []Officer `yaml:"officers"`
	PSCs     []PSC     `yaml:"pscs"`
}

// Address is a registered office address.
type Address struct {
	Premises   string `yaml:"premises,omitempty"`
	Line1      string `yaml:"line1"`
	Locality   string `yaml:"locality"`
	PostalCode string `yaml:"postal_code"`
	Country    string `yaml:"country"`
}

// OneLine joins the address as registers print it: "10 High Street,
// London, England, EC1A 1BB".
func (a Address) OneLine() string {
	parts := []string{strings.TrimSpace(a.Premises + " " + a.Line1), a.Locality, a.Country, a.PostalCode}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// Officer is one appointment in Companies House form.
type Officer struct {
	// ID is the officer id of links.officer.appointments; AppointmentID
	// the last segment of the appointment's self link.
	ID            string `yaml:"id"`
	AppointmentID string `yaml:"appointment_id"`
	// Name is "SURNAME, Forenames", optionally followed by ", Title".
	Name string `yaml:"name"`
	// Role is an officer_role such as director, secretary, llp-member or
	// corporate-director (a company, not a person).
	Role        string `yaml:"role"`
	AppointedOn string `yaml:"appointed_on"`
	ResignedOn  string `yaml:"resigned_on,omitempty"`
	Occupation  string `yaml:"occupation,omitempty"`
	Nationality string `yaml:"nationality,omitempty"`
	Residence   string `yaml:"residence,omitempty"`
	// BirthMonth and BirthYear are zero for corporate officers.
	BirthMonth int `yaml:"birth_month,omitempty"`
	BirthYear  int `yaml:"birth_year,omitempty"`
}

// PSC is one person (or corporate entity) with significant control.
type PSC struct {
	ID string `yaml:"id"`
	// Kind is individual-person-with-significant-control or
	// corporate-entity-person-with-significant-control.
	Kind string `yaml:"kind"`
	// Name is the display name, e.g. "Mr John Robert Smith"; the parts
	// below are the name_elements and are empty for corporate entities.
	Name             string   `yaml:"name"`
	Title            string   `yaml:"title,omitempty"`
	Forename         string   `yaml:"forename,omitempty"`
	MiddleName       string   `yaml:"middle_name,omitempty"`
	Surname          string   `yaml:"surname,omitempty"`
	NotifiedOn       string   `yaml:"notified_on"`
	CeasedOn         string   `yaml:"ceased_on,omitempty"`
	NaturesOfControl []string `yaml:"natures_of_control"`
	Nationality      string   `yaml:"nationality,omitempty"`
	Residence        string   `yaml:"residence,omitempty"`
	BirthMonth       int      `yaml:"birth_month,omitempty"`
	BirthYear        int      `yaml:"birth_year,omitempty"`
	// RegistrationNumber is set for corporate entities.
	RegistrationNumber string `yaml:"registration_number,omitempty"`
}

// datasetSeed fixes the generated part of the dataset, so every run, test
// and benchmark sees the same companies.
const datasetSeed = 20250611

// generatedCount is how many companies the generator adds to the
// hand-written ones.
const generatedCount = 240

// data is the dataset, built once on first use.
var data = sync.OnceValue(func() *index {
	return newIndex(generate(datasetSeed, handWritten(), generatedCount))
})

// Companies returns a copy of the whole dataset, hand-written companies
// first, so tests and benchmarks can pick real entries by name or number.
func Companies() []Company {
	all := data().companies
	out := make([]Company, len(all))
	for i, c := range all {
		out[i] = c.clone()
	}
	return out
}

// CompanyByNumber returns a copy of the company with this number.
func CompanyByNumber(number string) (Company, bool) {
	c, ok := data().byNumber[number]
	if !ok {
		return Company{}, false
	}
	return c.clone(), true
}

// Lookup returns the dataset's own record of the company with this
// number, shared and not to be changed, for routes that render it.
func Lookup(number string) (Company, bool) {
	c, ok := data().byNumber[number]
	return c, ok
}

// At returns the dataset's own record of its i-th company (0 <= i <
// Len()), shared and not to be changed, for routes that draw companies at
// a high rate (the streams) without copying the dataset.
func At(i int) Company { return data().companies[i] }

// Len is the number of companies in the dataset.
func Len() int { return len(data().companies) }

func (c Company) clone() Company {
	c.SICCodes = slices.Clone(c.SICCodes)
	c.Officers = slices.Clone(c.Officers)
	c.PSCs = slices.Clone(c.PSCs)
	for i := range c.PSCs {
		c.PSCs[i].NaturesOfControl = slices.Clone(c.PSCs[i].NaturesOfControl)
	}
	return c
}

// The PSC kinds the dataset uses.
const (
	// PSCIndividual is a person with significant control.
	PSCIndividual = "individual-person-with-significant-control"
	// PSCCorporate is a company with significant control.
	PSCCorporate = "corporate-entity-person-with-significant-control"
)
