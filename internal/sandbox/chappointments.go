package sandbox

import (
	"net/http"
	"strconv"
	"sync"
)

// The officer appointments endpoint of the Companies House Public Data
// API: GET /officers/{officer_id}/appointments. An officer's appointments
// are their own (the company whose officers list links to them) and,
// derived from the dataset, up to three directorships of other dataset
// companies, drawn from a hash of the officer id: the same officer always
// holds the same ones, and whether they are current follows the other
// company's status.

// chAppointmentList is a personal-appointment list.
type chAppointmentList struct {
	Kind         string          `json:"kind"`
	Name         string          `json:"name"`
	DateOfBirth  *chMonthYear    `json:"date_of_birth,omitempty"`
	IsCorporate  bool            `json:"is_corporate_officer"`
	Items        []chAppointment `json:"items"`
	ItemsPerPage int             `json:"items_per_page"`
	StartIndex   int             `json:"start_index"`
	TotalResults int             `json:"total_results"`
	Links        chSelfLink      `json:"links"`
}

type chAppointment struct {
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

// chAppointmentsPageSize is the API's default items_per_page.
const chAppointmentsPageSize = 35

// officerHome is the company an officer id belongs to.
type officerHome struct {
	company Company
	officer Officer
}

// officerHomes indexes every officer id of the dataset.
var officerHomes = sync.OnceValue(func() map[string]officerHome {
	out := map[string]officerHome{}
	for _, c := range dataset().companies {
		for _, o := range c.Officers {
			out[o.ID] = officerHome{company: c, officer: o}
		}
	}
	return out
})

func (s *Server) chAppointments(w http.ResponseWriter, r *http.Request) {
	home, ok := officerHomes()[r.PathValue("id")]
	if !ok {
		writeRaw(w, http.StatusNotFound, chNotFoundBody)
		return
	}
	start, size, ok := s.chPage(w, r, chAppointmentsPageSize)
	if !ok {
		return
	}
	all := appointmentsOf(home)
	o := home.officer
	list := chAppointmentList{Kind: "personal-appointment", Name: o.Name, IsCorporate: o.BirthYear == 0,
		ItemsPerPage: size, StartIndex: start, TotalResults: len(all),
		Links: chSelfLink{Self: "/officers/" + o.ID + "/appointments"}}
	if o.BirthYear != 0 {
		list.DateOfBirth = &chMonthYear{Month: o.BirthMonth, Year: o.BirthYear}
	}
	lo, hi := window(len(all), start, size)
	list.Items = all[lo:hi]
	writeJSON(w, http.StatusOK, list)
}

// appointmentsOf is the officer's own appointment and the other
// directorships drawn for them.
func appointmentsOf(h officerHome) []chAppointment {
	out := []chAppointment{chAppointmentAt(h.company, h.officer.Name, h.officer.Role, h.officer.AppointedOn, h.officer.ResignedOn)}
	companies := dataset().companies
	n := int(hash32("appointments:"+h.officer.ID) % 4)
	for i := range n {
		c := companies[hash32("appointment:"+h.officer.ID+":"+strconv.Itoa(i))%uint32(len(companies))]
		if c.Number == h.company.Number {
			continue
		}
		out = append(out, chAppointmentAt(c, h.officer.Name, "director", c.CreatedOn, c.CeasedOn))
	}
	return out
}

func chAppointmentAt(c Company, name, role, from, until string) chAppointment {
	var a chAppointment
	a.AppointedTo.CompanyName, a.AppointedTo.CompanyNumber, a.AppointedTo.CompanyStatus = c.Name, c.Number, c.Status
	a.Name, a.OfficerRole, a.AppointedOn, a.ResignedOn = name, role, from, until
	return a
}
