package sandbox

import (
	"hash/fnv"
	"strings"
)

// The OpenCorporates v0.4 bodies (shared/fixtures/opencorporates), the
// members a client of officers needs and the common company facts.

// ocAPIVersion is what the sandbox puts in api_version; clients must not
// rely on it.
const ocAPIVersion = "0.4.8"

// ocRetrievedAt stamps every record with the dataset's end, so bodies do
// not change from run to run.
var ocRetrievedAt = datasetEnd.Format("2006-01-02T15:04:05+00:00")

type ocCompanyEnvelope struct {
	APIVersion string `json:"api_version"`
	Results    struct {
		Company ocCompany `json:"company"`
	} `json:"results"`
}

type ocSearchEnvelope struct {
	APIVersion string `json:"api_version"`
	Results    struct {
		Companies  []ocCompanyItem `json:"companies"`
		Page       int             `json:"page"`
		PerPage    int             `json:"per_page"`
		TotalPages int             `json:"total_pages"`
		TotalCount int             `json:"total_count"`
	} `json:"results"`
}

type ocCompanyItem struct {
	Company ocCompany `json:"company"`
}

type ocCompany struct {
	Name                    string           `json:"name"`
	CompanyNumber           string           `json:"company_number"`
	JurisdictionCode        string           `json:"jurisdiction_code"`
	IncorporationDate       string           `json:"incorporation_date"`
	DissolutionDate         *string          `json:"dissolution_date"`
	CompanyType             string           `json:"company_type"`
	RegistryURL             string           `json:"registry_url"`
	Branch                  *string          `json:"branch"`
	BranchStatus            *string          `json:"branch_status"`
	Inactive                bool             `json:"inactive"`
	CurrentStatus           string           `json:"current_status"`
	CreatedAt               string           `json:"created_at"`
	UpdatedAt               string           `json:"updated_at"`
	RetrievedAt             string           `json:"retrieved_at"`
	OpencorporatesURL       string           `json:"opencorporates_url"`
	PreviousNames           []any            `json:"previous_names"`
	Source                  ocSource         `json:"source"`
	RegisteredAddressInFull string           `json:"registered_address_in_full"`
	RegisteredAddress       *ocAddress       `json:"registered_address,omitempty"`
	IndustryCodes           []ocIndustryCode `json:"industry_codes,omitempty"`
	Officers                []ocOfficerItem  `json:"officers,omitempty"`
	RestrictedForMarketing  *bool            `json:"restricted_for_marketing"`
}

type ocSource struct {
	Publisher   string `json:"publisher"`
	URL         string `json:"url"`
	Terms       string `json:"terms"`
	RetrievedAt string `json:"retrieved_at"`
}

type ocAddress struct {
	StreetAddress string  `json:"street_address"`
	Locality      string  `json:"locality"`
	Region        *string `json:"region"`
	PostalCode    string  `json:"postal_code"`
	Country       string  `json:"country"`
}

type ocIndustryCode struct {
	IndustryCode struct {
		Code           string `json:"code"`
		CodeSchemeID   string `json:"code_scheme_id"`
		CodeSchemeName string `json:"code_scheme_name"`
		UID            string `json:"uid"`
	} `json:"industry_code"`
}

type ocOfficerItem struct {
	Officer ocOfficer `json:"officer"`
}

// ocOfficer is an officer with the members a token holder sees.
type ocOfficer struct {
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

var ocStatus = map[string]string{"active": "Active", "dissolved": "Dissolved", "liquidation": "Liquidation"}

var ocType = map[string]string{"ltd": "Private Limited Company", "plc": "Public Limited Company", "llp": "Limited Liability Partnership"}

func ocCompanyOf(c Company, withDetail bool) ocCompany {
	out := ocCompany{
		Name: c.Name, CompanyNumber: c.Number, JurisdictionCode: "gb", IncorporationDate: c.CreatedOn,
		DissolutionDate: optional(c.CeasedOn), CompanyType: ocType[c.Type],
		RegistryURL: "https://find-and-update.company-information.service.gov.uk/company/" + c.Number,
		Inactive:    c.Status == "dissolved", CurrentStatus: ocStatus[c.Status],
		CreatedAt: ocRetrievedAt, UpdatedAt: ocRetrievedAt, RetrievedAt: ocRetrievedAt,
		PreviousNames: []any{}, OpencorporatesURL: "https://opencorporates.com/companies/gb/" + c.Number,
		Source: ocSource{Publisher: "UK Companies House (leadgen sandbox copy)", URL: "http://xmlgw.companieshouse.gov.uk/",
			Terms: "UK Crown Copyright", RetrievedAt: ocRetrievedAt},
		RegisteredAddressInFull: strings.ToUpper(snippet(c.Address)),
	}
	if withDetail {
		out.RegisteredAddress = &ocAddress{StreetAddress: strings.TrimSpace(c.Address.Premises + " " + c.Address.Line1),
			Locality: c.Address.Locality, PostalCode: c.Address.PostalCode, Country: "United Kingdom"}
		out.IndustryCodes = ocIndustryCodes(c.SICCodes)
		out.Officers = ocOfficersOf(c)
	}
	return out
}

func ocIndustryCodes(sic []string) []ocIndustryCode {
	out := make([]ocIndustryCode, len(sic))
	for i, code := range sic {
		out[i].IndustryCode.Code = code[:2] + "." + code[2:4]
		out[i].IndustryCode.CodeSchemeID = "uk_sic_2007"
		out[i].IndustryCode.CodeSchemeName = "UK SIC Classification 2007"
		out[i].IndustryCode.UID = "uk_sic_2007-" + code[:4]
	}
	return out
}

func ocOfficersOf(c Company) []ocOfficerItem {
	out := make([]ocOfficerItem, len(c.Officers))
	for i, o := range c.Officers {
		id := ocID(o.ID + o.AppointmentID)
		out[i].Officer = ocOfficer{
			ID: id, Name: ocName(o.Name), Position: ocPosition(o.Role), StartDate: o.AppointedOn,
			EndDate: optional(o.ResignedOn), OpencorporatesURL: "https://opencorporates.com/officers/" + itoa64(id),
			Occupation: optional(strings.ToUpper(o.Occupation)), Inactive: o.ResignedOn != "",
			Address: strings.ToUpper(snippet(c.Address)), Nationality: optional(strings.ToUpper(o.Nationality)),
		}
		if o.ResignedOn != "" {
			out[i].Officer.CurrentStatus = optional("RESIGNED")
		}
	}
	return out
}

// ocName turns "SMITH, John Robert, Dr" into OpenCorporates' "JOHN ROBERT
// SMITH"; company officers keep their name.
func ocName(chName string) string {
	surname, rest, ok := strings.Cut(chName, ", ")
	if !ok {
		return chName
	}
	forenames, _, _ := strings.Cut(rest, ", ")
	return strings.ToUpper(forenames + " " + surname)
}

// ocPosition writes a role as OpenCorporates does: words, no "corporate".
func ocPosition(role string) string {
	return strings.ReplaceAll(strings.TrimPrefix(role, "corporate-"), "-", " ")
}

func ocID(s string) int64 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return 100_000_000 + int64(h.Sum32()%900_000_000)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
