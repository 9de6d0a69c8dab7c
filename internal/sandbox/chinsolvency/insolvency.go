// Package chinsolvency simulates the insolvency endpoint of the
// Companies House Public Data API, GET /company/{company_number}/insolvency,
// over the sandbox dataset. The companies_house sandbox mounts Handler
// under its prefix, so the endpoint shares that API's key and quota.
//
// A dataset company in liquidation has one case, a creditors' voluntary
// liquidation, with dates and two practitioners drawn from its number;
// any other company, like a company the register does not know, is the
// real API's 404.
package chinsolvency

import (
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// notFoundBody is the real API's answer for a company without a case.
const notFoundBody = `{"errors":[{"type":"ch:service","error":"company-insolvency-not-found"}]}`

// Insolvency is the endpoint's body.
type Insolvency struct {
	Etag   string   `json:"etag"`
	Cases  []Case   `json:"cases"`
	Status []string `json:"status"`
}

// Case is one insolvency case.
type Case struct {
	Type          string         `json:"type"`
	Number        string         `json:"number"`
	Dates         []CaseDate     `json:"dates"`
	Practitioners []Practitioner `json:"practitioners"`
}

// CaseDate is a dated event of a case.
type CaseDate struct {
	Type string `json:"type"`
	Date string `json:"date"`
}

// Practitioner is an insolvency practitioner acting in a case.
type Practitioner struct {
	Name        string  `json:"name"`
	Role        string  `json:"role"`
	Address     Address `json:"address"`
	AppointedOn string  `json:"appointed_on"`
}

// Address is a practitioner's address.
type Address struct {
	AddressLine1 string `json:"address_line_1"`
	Locality     string `json:"locality"`
	PostalCode   string `json:"postal_code"`
}

// practitioners are the sandbox's fictional insolvency practitioners.
var practitioners = []string{"Alice Marsh", "Benedict Okafor", "Carys Llewellyn", "Dmitri Novak", "Eleanor Quayle", "Farah Siddiqui"}

// Handler answers GET .../company/{number}/insolvency.
func Handler(w http.ResponseWriter, r *http.Request) {
	c, ok := dataset.Lookup(strings.ToUpper(r.PathValue("number")))
	if !ok || c.Status != "liquidation" {
		respond.WriteRaw(w, http.StatusNotFound, notFoundBody)
		return
	}
	respond.WriteJSON(w, http.StatusOK, insolvencyOf(c))
}

// insolvencyOf draws a company's case from its number: the same company
// always has the same practitioners.
func insolvencyOf(c dataset.Company) Insolvency {
	n := int(dataset.Hash32(c.Number))
	started := "2024-06-01"
	if len(c.CreatedOn) >= 4 {
		started = c.CreatedOn[:4] + "-06-01"
	}
	var ps []Practitioner
	for i := range 2 {
		ps = append(ps, Practitioner{Name: practitioners[(n+i)%len(practitioners)], Role: "practitioner",
			Address:     Address{AddressLine1: "1 Recovery Street", Locality: "London", PostalCode: "EC2A 1AA"},
			AppointedOn: started})
	}
	return Insolvency{Etag: "insolvency-" + c.Number, Status: []string{"liquidation"}, Cases: []Case{{
		Type: "creditors-voluntary-liquidation", Number: "1",
		Dates:         []CaseDate{{Type: "wound-up-on", Date: started}},
		Practitioners: ps,
	}}}
}
