package companieshouse

import (
	"encoding/json"
	"strconv"
	"strings"
)

// The members of the API's bodies this client reads. Everything else,
// including accounts (whose day and month arrive as strings or numbers),
// is ignored, so new or oddly typed members never break decoding.

type searchPage struct {
	Items        []searchItem `json:"items"`
	TotalResults int          `json:"total_results"`
}

type searchItem struct {
	Title         string `json:"title"`
	CompanyNumber string `json:"company_number"`
	CompanyStatus string `json:"company_status"`
}

type profile struct {
	CompanyName             string   `json:"company_name"`
	CompanyNumber           string   `json:"company_number"`
	CompanyStatus           string   `json:"company_status"`
	Type                    string   `json:"type"`
	DateOfCreation          string   `json:"date_of_creation"`
	RegisteredOfficeAddress address  `json:"registered_office_address"`
	SICCodes                []string `json:"sic_codes"`
}

type address struct {
	CareOf       string `json:"care_of"`
	POBox        string `json:"po_box"`
	Premises     string `json:"premises"`
	AddressLine1 string `json:"address_line_1"`
	AddressLine2 string `json:"address_line_2"`
	Locality     string `json:"locality"`
	Region       string `json:"region"`
	PostalCode   string `json:"postal_code"`
	Country      string `json:"country"`
}

// listPage is a page of officers or PSCs; both page the same way.
type listPage[T any] struct {
	Items        []T `json:"items"`
	TotalResults int `json:"total_results"`
}

type officer struct {
	Name        string `json:"name"`
	OfficerRole string `json:"officer_role"`
	AppointedOn string `json:"appointed_on"`
	ResignedOn  string `json:"resigned_on"`
	DateOfBirth birth  `json:"date_of_birth"`
	Links       struct {
		Self    string `json:"self"`
		Officer struct {
			Appointments string `json:"appointments"`
		} `json:"officer"`
	} `json:"links"`
}

type psc struct {
	Kind         string `json:"kind"`
	Name         string `json:"name"`
	NameElements struct {
		Title      string `json:"title"`
		Forename   string `json:"forename"`
		MiddleName string `json:"middle_name"`
		Surname    string `json:"surname"`
	} `json:"name_elements"`
	NotifiedOn       string   `json:"notified_on"`
	CeasedOn         string   `json:"ceased_on"`
	DateOfBirth      birth    `json:"date_of_birth"`
	NaturesOfControl []string `json:"natures_of_control"`
	Links            struct {
		Self string `json:"self"`
	} `json:"links"`
}

// birth is a date_of_birth: Companies House publishes the month and year
// only, and a day, were one ever sent, has no member to land in.
type birth struct {
	Month, Year int
}

// UnmarshalJSON reads {"month": 6, "year": 1975}, numbers or numeric
// strings. Anything else leaves the date unknown rather than failing the
// whole body over a field the lookup can do without.
func (b *birth) UnmarshalJSON(data []byte) error {
	var raw struct {
		Month json.RawMessage `json:"month"`
		Year  json.RawMessage `json:"year"`
	}
	if json.Unmarshal(data, &raw) != nil {
		*b = birth{}
		return nil
	}
	*b = birth{Month: looseInt(raw.Month), Year: looseInt(raw.Year)}
	return nil
}

// looseInt reads a JSON number or numeric string as an int, else 0.
func looseInt(raw json.RawMessage) int {
	n, err := strconv.Atoi(strings.Trim(string(raw), `"`))
	if err != nil {
		return 0
	}
	return n
}

// errorBody covers both error shapes: {"error","type"} and
// {"errors":[{"error","type"}]}.
type errorBody struct {
	Error  string `json:"error"`
	Errors []struct {
		Error string `json:"error"`
	} `json:"errors"`
}
