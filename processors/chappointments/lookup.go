package chappointments

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/schemas"
)

// officerList is the part of GET /company/{number}/officers read here.
type officerList struct {
	Items []struct {
		Name        string `json:"name"`
		OfficerRole string `json:"officer_role"`
		ResignedOn  string `json:"resigned_on"`
		Links       struct {
			Officer struct {
				Appointments string `json:"appointments"`
			} `json:"officer"`
		} `json:"links"`
	} `json:"items"`
}

// appointmentList is the part of a personal-appointment list read here.
type appointmentList struct {
	Items        []appointment `json:"items"`
	TotalResults int           `json:"total_results"`
}

// appointment is one item of an appointment list.
type appointment struct {
	AppointedTo struct {
		CompanyName   string `json:"company_name"`
		CompanyNumber string `json:"company_number"`
		CompanyStatus string `json:"company_status"`
	} `json:"appointed_to"`
	OfficerRole string `json:"officer_role"`
	ResignedOn  string `json:"resigned_on"`
}

// Lookup reads the current officers of the requested company and each
// one's appointments. Its Notes say, per officer with other active
// appointments, how many and where; its Executives carry each current
// officer's count of other directorships (see detailOf), which the
// aggregator adds to the person companies_house names.
// Confidence is the share of the officers whose appointments were read
// in full (a list longer than one page is read in part). A request
// without a company number, or one the register does not know, is
// NOT_FOUND.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	res, number, ok := companieshouse.ByNumber(req, "officers' appointments")
	if !ok {
		return res, nil
	}
	var officers officerList
	res.APICalls++
	err := c.get(ctx, "/company/"+url.PathEscape(number)+"/officers?items_per_page="+fmt.Sprint(pageSize), &officers)
	if failure.ClassOf(err) == failure.NotFound {
		return res, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch officers for %s: %w", number, err)
	}
	res.Status = schemas.StatusOK
	read, complete := 0, 0
	for _, o := range officers.Items {
		link := o.Links.Officer.Appointments
		if o.ResignedOn != "" || link == "" {
			continue
		}
		var list appointmentList
		res.APICalls++
		if err := c.get(ctx, link+"?items_per_page="+fmt.Sprint(pageSize), &list); err != nil {
			return nil, fmt.Errorf("fetch appointments of %s officer %s: %w", number, o.Name, err)
		}
		read++
		full := list.TotalResults <= len(list.Items)
		if full {
			complete++
		}
		res.Executives = append(res.Executives, detailOf(o.Name, o.OfficerRole, link, number, list, full))
		if note := noteOf(o.Name, o.OfficerRole, number, list); note != "" {
			res.Notes = append(res.Notes, note)
		}
	}
	if read > 0 {
		res.Confidence = float64(complete) / float64(read)
	}
	return res, nil
}

// detailOf is the officer as the result carries them: not a person of
// the provider's own (the aggregator merges no Detail source's people) but
// the count of their other current directorships, found by the
// appointments link companies_house gives as the person's source_ref.
// The count is nil, unknown, when the list was longer than the page read.
func detailOf(name, role, link, number string, list appointmentList, full bool) schemas.Executive {
	e := schemas.Executive{Name: name, NormalizedName: people.Normalize(name), Role: role, SourceRef: &link,
		Sources: []string{ProviderName}}
	if full {
		n := int32(0)
		for _, a := range otherActive(list, number) {
			if isDirectorship(a.OfficerRole) {
				n++
			}
		}
		e.OtherDirectorships = &n
	}
	return e
}

// otherActive are the officer's current appointments at other active
// companies.
func otherActive(list appointmentList, number string) []appointment {
	var out []appointment
	for _, a := range list.Items {
		t := a.AppointedTo
		if t.CompanyNumber != number && a.ResignedOn == "" && t.CompanyStatus == "active" {
			out = append(out, a)
		}
	}
	return out
}

// isDirectorship: a director's seat of any kind (director, nominee or
// corporate director) or an LLP member's, who sits on an LLP's board.
func isDirectorship(role string) bool {
	return strings.Contains(role, "director") || strings.HasPrefix(role, "llp-") && strings.HasSuffix(role, "member")
}

// noteOf says how many other active appointments an officer holds, and
// where; "" when none.
func noteOf(name, role, number string, list appointmentList) string {
	var where []string
	for _, a := range otherActive(list, number) {
		where = append(where, fmt.Sprintf("%s (%s)", a.AppointedTo.CompanyName, a.AppointedTo.CompanyNumber))
	}
	if len(where) == 0 {
		return ""
	}
	plural := "s"
	if len(where) == 1 {
		plural = ""
	}
	return fmt.Sprintf("%s (%s) holds %d other active appointment%s: %s", name, role, len(where), plural, strings.Join(where, ", "))
}
