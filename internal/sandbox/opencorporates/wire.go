package opencorporates

import (
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// The OpenCorporates v0.4 bodies (shared/fixtures/opencorporates), the
// members a client of officers needs and the common company facts.

// aPIVersion is what the sandbox puts in api_version; clients must not
// rely on it.
const aPIVersion = "0.4.8"

// retrievedAt stamps every record with the dataset's end, so bodies do
// not change from run to run.
var retrievedAt = dataset.End.Format("2006-01-02T15:04:05+00:00")

type companyEnvelope struct {
	APIVersion string `json:"api_version"`
	Results    struct {
		Company company `json:"company"`
	} `json:"results"`
}

type searchEnvelope struct {
	APIVersion string `json:"api_version"`
	Results    struct {
		Companies  []companyItem `json:"companies"`
		Page       int           `json:"page"`
		PerPage    int           `json:"per_page"`
		TotalPages int           `json:"total_pages"`
		TotalCount int           `json:"total_count"`
	} `json:"results"`
}

type companyItem struct {
	Company company `json:"company"`
}

type company struct {
	Name                    string         `json:"name"`
	CompanyNumber           string         `json:"company_number"`
	JurisdictionCode        string         `json:"jurisdiction_code"`
	IncorporationDate       string         `json:"incorporation_date"`
	DissolutionDate         *string        `json:"dissolution_date"`
	CompanyType             string         `json:"company_type"`
	RegistryURL             string         `json:"registry_url"`
	Branch                  *string        `json:"branch"`
	BranchStatus            *string        `json:"branch_status"`
	Inactive                bool           `json:"inactive"`
	CurrentStatus           string         `json:"current_status"`
	CreatedAt               string         `json:"created_at"`
	UpdatedAt               string         `json:"updated_at"`
	RetrievedAt             string         `json:"retrieved_at"`
	OpencorporatesURL       string         `json:"opencorporates_url"`
	PreviousNames           []any          `json:"previous_names"`
	Source                  source         `json:"source"`
	RegisteredAddressInFull string         `json:"registered_address_in_full"`
	RegisteredAddress       *address       `json:"registered_address,omitempty"`
	IndustryCodes           []industryCode `json:"industry_codes,omitempty"`
	Officers                []officerItem  `json:"officers,omitempty"`
	RestrictedForMarketing  *bool          `json:"restricted_for_marketing"`
}

type source struct {
	Publisher   string `json:"publisher"`
	URL         string `json:"url"`
	Terms       string `json:"terms"`
	RetrievedAt string `json:"retrieved_at"`
}

type address struct {
	StreetAddress string  `json:"street_address"`
	Locality      string  `json:"locality"`
	Region        *string `json:"region"`
	PostalCode    string  `json:"postal_code"`
	Country       string  `json:"country"`
}

type industryCode struct {
	IndustryCode struct {
		Code           string `json:"code"`
		CodeSchemeID   string `json:"code_scheme_id"`
		CodeSchemeName string `json:"code_scheme_name"`
		UID            string `json:"uid"`
	} `json:"industry_code"`
}

type officerItem struct {
	Officer officer `json:"officer"`
}

// officer is an officer with the members a token holder sees.
type officer struct {
	ID                int64   `json:"id"`
	Name              string  `json:"name"`
	Position          string  `json:"position"`
	UID               *string `json:"uid"`
	StartDate         string  `json:"start_date"`
	EndDate           *string `json:"end_date"`
	OpencorporatesURL string  `json:"opencorporates_url"`
	Occupation        *string `json:"occupation"`
	Inactive          bool    `json:"inactive"`
	CurrentStatus     *string `json:"current_status"`
	Address           string  `json:"address"`
	Nationality       *string `json:"nationality"`
	DateOfBirth       *string `json:"date_of_birth"`
}

var statuses = map[string]string{"active": "Active", "dissolved": "Dissolved", "liquidation": "Liquidation"}

var companyTypes = map[string]string{"ltd": "Private Limited Company", "plc": "Public Limited Company", "llp": "Limited Liability Partnership"}

func companyOf(c dataset.Company, withDetail bool) company {
	out := company{
		Name: c.Name, CompanyNumber: c.Number, JurisdictionCode: "gb", IncorporationDate: c.CreatedOn,
		DissolutionDate: optional(c.CeasedOn), CompanyType: companyTypes[c.Type],
		RegistryURL: "https://find-and-update.company-information.service.gov.uk/company/" + c.Number,
		Inactive:    c.Status == "dissolved", CurrentStatus: statuses[c.Status],
		CreatedAt: retrievedAt, UpdatedAt: retrievedAt, RetrievedAt: retrievedAt,
		PreviousNames: []any{}, OpencorporatesURL: "https://opencorporates.com/companies/gb/" + c.Number,
		Source: source{Publisher: "UK Companies House (leadgen sandbox copy)", URL: "http://xmlgw.companieshouse.gov.uk/",
			Terms: "UK Crown Copyright", RetrievedAt: retrievedAt},
		RegisteredAddressInFull: strings.ToUpper(c.Address.OneLine()),
	}
	if withDetail {
		out.RegisteredAddress = &address{StreetAddress: strings.TrimSpace(c.Address.Premises + " " + c.Address.Line1),
			Locality: c.Address.Locality, PostalCode: c.Address.PostalCode, Country: "United Kingdom"}
		out.IndustryCodes = industryCodes(c.SICCodes)
		out.Officers = officersOf(c)
	}
	return out
}

func industryCodes(sic []string) []industryCode {
	out := make([]industryCode, len(sic))
	for i, code := range sic {
		out[i].IndustryCode.Code = code[:2] + "." + code[2:4]
		out[i].IndustryCode.CodeSchemeID = "uk_sic_2007"
		out[i].IndustryCode.CodeSchemeName = "UK SIC Classification 2007"
		out[i].IndustryCode.UID = "uk_sic_2007-" + code[:4]
	}
	return out
}

func officersOf(c dataset.Company) []officerItem {
	out := make([]officerItem, len(c.Officers))
	for i, o := range c.Officers {
		id := officerID(o.ID + o.AppointmentID)
		out[i].Officer = officer{
			ID: id, Name: nameOf(o.Name), Position: positionOf(o.Role), StartDate: o.AppointedOn,
			EndDate: optional(o.ResignedOn), OpencorporatesURL: "https://opencorporates.com/officers/" + strconv.FormatInt(id, 10),
			Occupation: optional(strings.ToUpper(o.Occupation)), Inactive: o.ResignedOn != "",
			Address: strings.ToUpper(c.Address.OneLine()), Nationality: optional(strings.ToUpper(o.Nationality)),
		}
		if o.ResignedOn != "" {
			out[i].Officer.CurrentStatus = optional("RESIGNED")
		}
	}
	return out
}

// nameOf turns "SMITH, John Robert, Dr" into OpenCorporates' "JOHN ROBERT
// SMITH"; company officers keep their name.
func nameOf(chName string) string {
	surname, rest, ok := strings.Cut(chName, ", ")
	if !ok {
		return chName
	}
	forenames, _, _ := strings.Cut(rest, ", ")
	return strings.ToUpper(forenames + " " + surname)
}

// positionOf writes a role as OpenCorporates does: words, no "corporate".
func positionOf(role string) string {
	return strings.ReplaceAll(strings.TrimPrefix(role, "corporate-"), "-", " ")
}

func officerID(s string) int64 {
	return 100_000_000 + int64(dataset.Hash32(s)%900_000_000)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
