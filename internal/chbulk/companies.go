package chbulk

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// The company snapshot's columns this package reads, as named in its
// header once trimmed. The first four are required; a header without
// them is not the company snapshot.
var companyColumns = []string{"CompanyName", "CompanyNumber", "CompanyStatus", "IncorporationDate",
	"CompanyCategory", "DissolutionDate", "RegAddress.CareOf", "RegAddress.POBox", "RegAddress.AddressLine1",
	"RegAddress.AddressLine2", "RegAddress.PostTown", "RegAddress.County", "RegAddress.Country",
	"RegAddress.PostCode", "SICCode.SicText_1", "SICCode.SicText_2", "SICCode.SicText_3", "SICCode.SicText_4"}

const requiredCompanyColumns = 4

// Profile is a company profile in the REST API's shape (GET
// /company/{number}), as far as the snapshot describes it.
type Profile struct {
	CompanyName     string   `json:"company_name"`
	CompanyNumber   string   `json:"company_number"`
	CompanyStatus   string   `json:"company_status"`
	Type            string   `json:"type,omitempty"`
	DateOfCreation  string   `json:"date_of_creation,omitempty"`
	DateOfCessation string   `json:"date_of_cessation,omitempty"`
	Address         Address  `json:"registered_office_address"`
	SICCodes        []string `json:"sic_codes,omitempty"`
}

// Address is a registered_office_address.
type Address struct {
	CareOf       string `json:"care_of,omitempty"`
	POBox        string `json:"po_box,omitempty"`
	AddressLine1 string `json:"address_line_1,omitempty"`
	AddressLine2 string `json:"address_line_2,omitempty"`
	Locality     string `json:"locality,omitempty"`
	Region       string `json:"region,omitempty"`
	Country      string `json:"country,omitempty"`
	PostalCode   string `json:"postal_code,omitempty"`
}

// companyReader reads the company snapshot's CSV a row at a time.
type companyReader struct {
	r   *csv.Reader
	col []int // index in a row of each of companyColumns, -1 if absent
}

// ErrBadHeader is returned for a file whose first row is not the
// expected snapshot header.
var ErrBadHeader = errors.New("not a companies house snapshot")

func newCompanyReader(in io.Reader) (*companyReader, error) {
	r := csv.NewReader(in)
	r.ReuseRecord, r.FieldsPerRecord, r.LazyQuotes = true, -1, true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: read header: %v", ErrBadHeader, err)
	}
	at := map[string]int{}
	for i, name := range header {
		at[trimHeader(name)] = i
	}
	cr := &companyReader{r: r, col: make([]int, len(companyColumns))}
	var missing []string
	for i, name := range companyColumns {
		j, ok := at[name]
		if !ok {
			j = -1
			if i < requiredCompanyColumns {
				missing = append(missing, name)
			}
		}
		cr.col[i] = j
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: the header has no %s column", ErrBadHeader, strings.Join(missing, ", "))
	}
	return cr, nil
}

// next returns the next row as a profile; a row it cannot read is a
// *RowError, and io.EOF ends the file.
func (cr *companyReader) next() (Profile, error) {
	row, err := cr.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Profile{}, &RowError{Err: err}
		}
		return Profile{}, err
	}
	field := func(i int) string {
		if j := cr.col[i]; j >= 0 && j < len(row) {
			return strings.TrimSpace(row[j])
		}
		return ""
	}
	return profileOf(field)
}

// RowError is a row that could not be read; the import counts it and
// goes on.
type RowError struct{ Err error }

func (e *RowError) Error() string { return "bad row: " + e.Err.Error() }
func (e *RowError) Unwrap() error { return e.Err }

func profileOf(field func(int) string) (Profile, error) {
	p := Profile{CompanyName: field(0), CompanyNumber: strings.ToUpper(field(1)),
		CompanyStatus: statusOf(field(2)), Type: typeOf(field(4)),
		Address: Address{CareOf: field(6), POBox: field(7), AddressLine1: field(8), AddressLine2: field(9),
			Locality: field(10), Region: field(11), Country: field(12), PostalCode: field(13)}}
	if p.CompanyName == "" || p.CompanyNumber == "" {
		return Profile{}, &RowError{Err: errors.New("no company name or number")}
	}
	var err error
	if p.DateOfCreation, err = isoDate(field(3)); err != nil {
		return Profile{}, &RowError{Err: fmt.Errorf("company %s: incorporation date: %w", p.CompanyNumber, err)}
	}
	if p.DateOfCessation, err = isoDate(field(5)); err != nil {
		return Profile{}, &RowError{Err: fmt.Errorf("company %s: dissolution date: %w", p.CompanyNumber, err)}
	}
	for i := 14; i < 18; i++ {
		if code := sicCode(field(i)); code != "" {
			p.SICCodes = append(p.SICCodes, code)
		}
	}
	return p, nil
}

// isoDate turns the snapshot's DD/MM/YYYY into the API's YYYY-MM-DD.
func isoDate(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	t, err := time.Parse("02/01/2006", s)
	if err != nil {
		return "", err
	}
	return t.Format(time.DateOnly), nil
}

// sicCode takes the code from "62012 - Business and domestic software
// development"; "None Supplied" and empty cells have none.
func sicCode(text string) string {
	code, _, _ := strings.Cut(text, " - ")
	code = strings.TrimSpace(code)
	for _, r := range code {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return code
}

// statusOf maps the snapshot's CompanyStatus to the API's company_status:
// "Active - Proposal to Strike off" is still active to the API.
func statusOf(s string) string {
	switch low := strings.ToLower(s); {
	case strings.HasPrefix(low, "active"):
		return "active"
	case strings.Contains(low, "receiver"):
		return "receivership"
	case low == "in administration" || strings.HasPrefix(low, "administration"):
		return "administration"
	case low == "converted/closed":
		return "converted-closed"
	default:
		return strings.ReplaceAll(low, " ", "-")
	}
}

// categories maps the snapshot's CompanyCategory to the API's type.
var categories = map[string]string{
	"private limited company":                       "ltd",
	"public limited company":                        "plc",
	"limited liability partnership":                 "llp",
	"private unlimited company":                     "private-unlimited",
	"private unlimited":                             "private-unlimited",
	"limited partnership":                           "limited-partnership",
	"scottish partnership":                          "scottish-partnership",
	"community interest company":                    "ltd",
	"charitable incorporated organisation":          "charitable-incorporated-organisation",
	"scottish charitable incorporated organisation": "scottish-charitable-incorporated-organisation",
	"overseas entity":                               "registered-overseas-entity",
	"other company type":                            "other",
	"pri/ltd by guar/nsc (private, limited by guarantee, no share capital)":                     "private-limited-guarant-nsc",
	"pri/lbg/nsc (private, limited by guarantee, no share capital, use of 'limited' exemption)": "private-limited-guarant-nsc-limited-exemption",
	"priv ltd sect. 30 (private limited company, section 30 of the companies act)":              "private-limited-shares-section-30-exemption",
}

func typeOf(category string) string {
	return categories[strings.ToLower(category)]
}

// encode is the stored form of a profile.
func (p Profile) encode() ([]byte, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode profile of %s: %w", p.CompanyNumber, err)
	}
	return b, nil
}
