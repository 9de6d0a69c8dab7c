package chappointments

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
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
	Items []struct {
		AppointedTo struct {
			CompanyName   string `json:"company_name"`
			CompanyNumber string `json:"company_number"`
			CompanyStatus string `json:"company_status"`
		} `json:"appointed_to"`
		ResignedOn string `json:"resigned_on"`
	} `json:"items"`
	TotalResults int `json:"total_results"`
}

// Lookup reads the current officers of the requested company and each
// one's appointments. The result names no people; its Notes say, per
// officer with other active directorships, how many and where.
// Confidence is the share of the officers whose appointments were read
// in full (a list longer than one page is read in part). A request
// without a company number, or one the register does not know, is
// NOT_FOUND.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	res := &schemas.DiscoveryResult{Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary}
	number, ok := companieshouse.RequestedNumber(req)
	if !ok {
		res.Notes = []string{"no company number in the request: officers' appointments are read by company number"}
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
		if list.TotalResults <= len(list.Items) {
			complete++
		}
		if note := noteOf(o.Name, o.OfficerRole, number, list); note != "" {
			res.Notes = append(res.Notes, note)
		}
	}
	if read > 0 {
		res.Confidence = float64(complete) / float64(read)
	}
	return res, nil
}

// noteOf says how many other active appointments an officer holds, and
// where; "" when none.
func noteOf(name, role, number string, list appointmentList) string {
	var where []string
	for _, a := range list.Items {
		t := a.AppointedTo
		if t.CompanyNumber == number || a.ResignedOn != "" || t.CompanyStatus != "active" {
			continue
		}
		where = append(where, fmt.Sprintf("%s (%s)", t.CompanyName, t.CompanyNumber))
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
