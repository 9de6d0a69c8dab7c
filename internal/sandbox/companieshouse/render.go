package companieshouse

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// This file renders dataset companies as Companies House bodies.

func addressOf(a dataset.Address) address {
	return address{Premises: a.Premises, AddressLine1: a.Line1, Locality: a.Locality, PostalCode: a.PostalCode, Country: a.Country}
}

func searchItemOf(h dataset.Hit) searchItem {
	c := h.Company
	item := searchItem{
		Kind: "searchresults#company", Title: c.Name, CompanyNumber: c.Number,
		CompanyStatus: c.Status, CompanyType: c.Type, DateOfCreation: c.CreatedOn,
		DateOfCessation: c.CeasedOn, Address: addressOf(c.Address), AddressSnippet: c.Address.OneLine(),
		Description:           c.Number + " - Incorporated on " + longDate(c.CreatedOn),
		DescriptionIdentifier: []string{"incorporated-on"},
		Links:                 selfLink{Self: "/company/" + c.Number},
		Matches:               matches{Title: []int{}},
	}
	if c.CeasedOn != "" {
		item.Description = c.Number + " - Dissolved on " + longDate(c.CeasedOn)
		item.DescriptionIdentifier = []string{"dissolved-on"}
	}
	for _, s := range h.Spans {
		item.Matches.Title = append(item.Matches.Title, s[0], s[1])
	}
	return item
}

// longDate writes a date as search descriptions do, day space-padded:
// "14 March 2019", " 4 May 2021".
func longDate(iso string) string {
	t, err := time.Parse(dataset.DateLayout, iso)
	if err != nil {
		return iso
	}
	return t.Format("_2 January 2006")
}

func profileOf(c dataset.Company) profile {
	self := "/company/" + c.Number
	p := profile{
		CanFile: c.Status == "active", CompanyName: c.Name, CompanyNumber: c.Number,
		CompanyStatus: c.Status, DateOfCessation: c.CeasedOn, DateOfCreation: c.CreatedOn,
		Etag: etag("profile", c.Number), HasBeenLiquidated: c.Status == "liquidation",
		HasInsolvencyHistory: c.Status == "liquidation", Jurisdiction: c.Jurisdiction,
		Links: profileLinks{Self: self, Officers: self + "/officers", FilingHistory: self + "/filing-history",
			Charges: self + "/charges", PersonsWithSignificantControl: self + "/persons-with-significant-control"},
		RegisteredOfficeAddress: addressOf(c.Address), SICCodes: c.SICCodes, Type: c.Type,
	}
	if c.Status != "dissolved" {
		created, _ := time.Parse(dataset.DateLayout, c.CreatedOn)
		p.Accounts, p.ConfirmationStatement = accountsOf(created), confirmationOf(created)
	}
	return p
}

// accountsOf sets the accounting reference date to the end of the month of
// incorporation, with the last accounts made up to it in 2024.
func accountsOf(created time.Time) *accounts {
	lastEnd := monthEnd(2024, created.Month())
	nextEnd := monthEnd(2025, created.Month())
	a := &accounts{NextDue: nextEnd.AddDate(0, 9, 0).Format(dataset.DateLayout), NextMadeUpTo: nextEnd.Format(dataset.DateLayout)}
	a.AccountingReferenceDate.Day = strconv.Itoa(lastEnd.Day())
	a.AccountingReferenceDate.Month = strconv.Itoa(int(lastEnd.Month()))
	a.LastAccounts.MadeUpTo, a.LastAccounts.PeriodEndOn = lastEnd.Format(dataset.DateLayout), lastEnd.Format(dataset.DateLayout)
	a.LastAccounts.PeriodStartOn = lastEnd.AddDate(-1, 0, 1).Format(dataset.DateLayout)
	a.LastAccounts.Type = "small"
	a.NextAccounts.PeriodStartOn = lastEnd.AddDate(0, 0, 1).Format(dataset.DateLayout)
	a.NextAccounts.PeriodEndOn, a.NextAccounts.DueOn = a.NextMadeUpTo, a.NextDue
	return a
}

func monthEnd(year int, m time.Month) time.Time {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC)
}

func confirmationOf(created time.Time) *confirmation {
	last := time.Date(2025, created.Month(), min(created.Day(), 28), 0, 0, 0, 0, time.UTC)
	if last.After(dataset.End) {
		last = last.AddDate(-1, 0, 0)
	}
	next := last.AddDate(1, 0, 0)
	return &confirmation{LastMadeUpTo: last.Format(dataset.DateLayout), NextMadeUpTo: next.Format(dataset.DateLayout),
		NextDue: next.AddDate(0, 0, 14).Format(dataset.DateLayout)}
}

func officerOf(c dataset.Company, o dataset.Officer) officer {
	out := officer{
		Address: addressOf(c.Address), AppointedOn: o.AppointedOn, ResignedOn: o.ResignedOn,
		CountryOfResidence: o.Residence, Name: o.Name, Nationality: o.Nationality,
		Occupation: o.Occupation, OfficerRole: o.Role,
	}
	if o.BirthYear != 0 {
		out.DateOfBirth = &monthYear{Month: o.BirthMonth, Year: o.BirthYear}
	}
	out.Links.Self = "/company/" + c.Number + "/appointments/" + o.AppointmentID
	out.Links.Officer.Appointments = "/officers/" + o.ID + "/appointments"
	return out
}

func pscOf(c dataset.Company, p dataset.PSC) psc {
	out := psc{
		Address: addressOf(c.Address), CeasedOn: p.CeasedOn, CountryOfResidence: p.Residence,
		Etag: etag("psc", c.Number, p.ID), Kind: p.Kind, Name: p.Name, Nationality: p.Nationality,
		NaturesOfControl: p.NaturesOfControl, NotifiedOn: p.NotifiedOn,
	}
	path := "/individual/"
	if p.Kind == dataset.PSCCorporate {
		path = "/corporate-entity/"
		out.Identification = &identification{LegalAuthority: "Companies Act 2006", LegalForm: "Private Limited Company",
			PlaceRegistered: "Register Of Companies For England And Wales", RegistrationNumber: p.RegistrationNumber, CountryRegistered: "England"}
	} else {
		out.NameElements = &nameElements{Title: p.Title, Forename: p.Forename, MiddleName: p.MiddleName, Surname: p.Surname}
	}
	if p.BirthYear != 0 {
		out.DateOfBirth = &monthYear{Month: p.BirthMonth, Year: p.BirthYear}
	}
	out.Links.Self = "/company/" + c.Number + "/persons-with-significant-control" + path + p.ID
	return out
}

// etag derives a stable 40-hex-digit etag, as the real API sends, from
// what the resource is.
func etag(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "/")))
	return hex.EncodeToString(sum[:])
}
