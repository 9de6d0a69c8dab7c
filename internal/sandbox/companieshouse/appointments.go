package companieshouse

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The officer appointments endpoint of the Companies House Public Data
// API: GET /officers/{officer_id}/appointments. An officer's appointments
// are their own (the company whose officers list links to them) and,
// derived from the dataset, up to three directorships of other dataset
// companies, drawn from a hash of the officer id: the same officer always
// holds the same ones, and whether they are current follows the other
// company's status.

// appointmentList is a personal-appointment list.
type appointmentList struct {
	Kind         string        `json:"kind"`
	Name         string        `json:"name"`
	DateOfBirth  *monthYear    `json:"date_of_birth,omitempty"`
	IsCorporate  bool          `json:"is_corporate_officer"`
	Items        []appointment `json:"items"`
	ItemsPerPage int           `json:"items_per_page"`
	StartIndex   int           `json:"start_index"`
	TotalResults int           `json:"total_results"`
	Links        selfLink      `json:"links"`
}

type appointment struct {
	AppointedTo struct {
		CompanyName   string `json:"company_name"`
		CompanyNumber string `json:"company_number"`
		CompanyStatus string `json:"company_status"`
	} `json:"appointed_to"`
	Name        string `json:"name"`
	OfficerRole string `json:"officer_role"`
	AppointedOn string `json:"appointed_on"`
	ResignedOn  string `json:"resigned_on,omitempty"`
}

// appointmentsPageSize is the API's default items_per_page.
const appointmentsPageSize = 35

// officerHome is the company an officer id belongs to.
type officerHome struct {
	company dataset.Company
	officer dataset.Officer
}

// officerHomes indexes every officer id of the dataset.
var officerHomes = sync.OnceValue(func() map[string]officerHome {
	out := map[string]officerHome{}
	for _, c := range dataset.Companies() {
		for _, o := range c.Officers {
			out[o.ID] = officerHome{company: c, officer: o}
		}
	}
	return out
})

func (s *server) appointments(w http.ResponseWriter, r *http.Request) {
	home, ok := officerHomes()[r.PathValue("id")]
	if !ok {
		notFound.Write(w)
		return
	}
	start, size, ok := s.page(w, r, appointmentsPageSize)
	if !ok {
		return
	}
	all := appointmentsOf(home)
	o := home.officer
	list := appointmentList{Kind: "personal-appointment", Name: o.Name, IsCorporate: o.BirthYear == 0,
		ItemsPerPage: size, StartIndex: start, TotalResults: len(all),
		Links: selfLink{Self: "/officers/" + o.ID + "/appointments"}}
	if o.BirthYear != 0 {
		list.DateOfBirth = &monthYear{Month: o.BirthMonth, Year: o.BirthYear}
	}
	lo, hi := respond.Page(len(all), start, size)
	list.Items = all[lo:hi]
	respond.WriteJSON(w, http.StatusOK, list)
}

// appointmentsOf is the officer's own appointment and the other
// directorships drawn for them.
func appointmentsOf(h officerHome) []appointment {
	out := []appointment{appointmentAt(h.company, h.officer.Name, h.officer.Role, h.officer.AppointedOn, h.officer.ResignedOn)}
	companies := dataset.Companies()
	n := int(dataset.Hash32("appointments:"+h.officer.ID) % 4)
	for i := range n {
		c := companies[dataset.Hash32("appointment:"+h.officer.ID+":"+strconv.Itoa(i))%uint32(len(companies))]
		if c.Number == h.company.Number {
			continue
		}
		out = append(out, appointmentAt(c, h.officer.Name, "director", c.CreatedOn, c.CeasedOn))
	}
	return out
}

func appointmentAt(c dataset.Company, name, role, from, until string) appointment {
	var a appointment
	a.AppointedTo.CompanyName, a.AppointedTo.CompanyNumber, a.AppointedTo.CompanyStatus = c.Name, c.Number, c.Status
	a.Name, a.OfficerRole, a.AppointedOn, a.ResignedOn = name, role, from, until
	return a
}
