package sandbox

// The Companies House response bodies, with the member names and order of
// the real API (shared/fixtures/companies_house).

type chSearchPage struct {
	Items        []chSearchItem `json:"items"`
	ItemsPerPage int            `json:"items_per_page"`
	Kind         string         `json:"kind"`
	PageNumber   int            `json:"page_number"`
	StartIndex   int            `json:"start_index"`
	TotalResults int            `json:"total_results"`
}

type chSearchItem struct {
	Kind                  string     `json:"kind"`
	Title                 string     `json:"title"`
	CompanyNumber         string     `json:"company_number"`
	CompanyStatus         string     `json:"company_status"`
	CompanyType           string     `json:"company_type"`
	DateOfCreation        string     `json:"date_of_creation"`
	DateOfCessation       string     `json:"date_of_cessation,omitempty"`
	Address               chAddress  `json:"address"`
	AddressSnippet        string     `json:"address_snippet"`
	Description           string     `json:"description"`
	DescriptionIdentifier []string   `json:"description_identifier"`
	Links                 chSelfLink `json:"links"`
	Matches               chMatches  `json:"matches"`
}

// chMatches holds 1-based, inclusive character spans of the matched words.
type chMatches struct {
	Title []int `json:"title"`
}

type chAddress struct {
	Premises     string `json:"premises,omitempty"`
	AddressLine1 string `json:"address_line_1"`
	Locality     string `json:"locality"`
	PostalCode   string `json:"postal_code"`
	Country      string `json:"country,omitempty"`
}

type chSelfLink struct {
	Self string `json:"self"`
}

type chProfile struct {
	Accounts                             *chAccounts     `json:"accounts,omitempty"`
	CanFile                              bool            `json:"can_file"`
	CompanyName                          string          `json:"company_name"`
	CompanyNumber                        string          `json:"company_number"`
	CompanyStatus                        string          `json:"company_status"`
	ConfirmationStatement                *chConfirmation `json:"confirmation_statement,omitempty"`
	DateOfCessation                      string          `json:"date_of_cessation,omitempty"`
	DateOfCreation                       string          `json:"date_of_creation"`
	Etag                                 string          `json:"etag"`
	HasBeenLiquidated                    bool            `json:"has_been_liquidated"`
	HasCharges                           bool            `json:"has_charges"`
	HasInsolvencyHistory                 bool            `json:"has_insolvency_history"`
	HasSuperSecurePSCs                   bool            `json:"has_super_secure_pscs"`
	Jurisdiction                         string          `json:"jurisdiction"`
	Links                                chProfileLinks  `json:"links"`
	RegisteredOfficeAddress              chAddress       `json:"registered_office_address"`
	RegisteredOfficeIsInDispute          bool            `json:"registered_office_is_in_dispute"`
	SICCodes                             []string        `json:"sic_codes"`
	Type                                 string          `json:"type"`
	UndeliverableRegisteredOfficeAddress bool            `json:"undeliverable_registered_office_address"`
}

// chAccounts keeps the real API's quirk: the accounting reference day and
// month are strings.
type chAccounts struct {
	AccountingReferenceDate struct {
		Day   string `json:"day"`
		Month string `json:"month"`
	} `json:"accounting_reference_date"`
	LastAccounts struct {
		MadeUpTo      string `json:"made_up_to"`
		PeriodStartOn string `json:"period_start_on"`
		PeriodEndOn   string `json:"period_end_on"`
		Type          string `json:"type"`
	} `json:"last_accounts"`
	NextAccounts struct {
		PeriodStartOn string `json:"period_start_on"`
		PeriodEndOn   string `json:"period_end_on"`
		DueOn         string `json:"due_on"`
		Overdue       bool   `json:"overdue"`
	} `json:"next_accounts"`
	NextDue      string `json:"next_due"`
	NextMadeUpTo string `json:"next_made_up_to"`
	Overdue      bool   `json:"overdue"`
}

type chConfirmation struct {
	LastMadeUpTo string `json:"last_made_up_to"`
	NextDue      string `json:"next_due"`
	NextMadeUpTo string `json:"next_made_up_to"`
	Overdue      bool   `json:"overdue"`
}

type chProfileLinks struct {
	Self                          string `json:"self"`
	Officers                      string `json:"officers"`
	FilingHistory                 string `json:"filing_history"`
	Charges                       string `json:"charges"`
	PersonsWithSignificantControl string `json:"persons_with_significant_control"`
}

type chOfficerList struct {
	ActiveCount   int         `json:"active_count"`
	Etag          string      `json:"etag"`
	InactiveCount int         `json:"inactive_count"`
	Items         []chOfficer `json:"items"`
	ItemsPerPage  int         `json:"items_per_page"`
	Kind          string      `json:"kind"`
	Links         chSelfLink  `json:"links"`
	ResignedCount int         `json:"resigned_count"`
	StartIndex    int         `json:"start_index"`
	TotalResults  int         `json:"total_results"`
}

type chOfficer struct {
	Address            chAddress      `json:"address"`
	AppointedOn        string         `json:"appointed_on"`
	ResignedOn         string         `json:"resigned_on,omitempty"`
	CountryOfResidence string         `json:"country_of_residence,omitempty"`
	DateOfBirth        *chMonthYear   `json:"date_of_birth,omitempty"`
	Links              chOfficerLinks `json:"links"`
	Name               string         `json:"name"`
	Nationality        string         `json:"nationality,omitempty"`
	Occupation         string         `json:"occupation,omitempty"`
	OfficerRole        string         `json:"officer_role"`
}

// chMonthYear is a date of birth: Companies House publishes no day.
type chMonthYear struct {
	Month int `json:"month"`
	Year  int `json:"year"`
}

type chOfficerLinks struct {
	Self    string `json:"self"`
	Officer struct {
		Appointments string `json:"appointments"`
	} `json:"officer"`
}

type chPSCList struct {
	ActiveCount  int        `json:"active_count"`
	CeasedCount  int        `json:"ceased_count"`
	Items        []chPSC    `json:"items"`
	ItemsPerPage int        `json:"items_per_page"`
	Links        chSelfLink `json:"links"`
	StartIndex   int        `json:"start_index"`
	TotalResults int        `json:"total_results"`
}

type chPSC struct {
	Address            chAddress         `json:"address"`
	CeasedOn           string            `json:"ceased_on,omitempty"`
	CountryOfResidence string            `json:"country_of_residence,omitempty"`
	DateOfBirth        *chMonthYear      `json:"date_of_birth,omitempty"`
	Etag               string            `json:"etag"`
	Identification     *chIdentification `json:"identification,omitempty"`
	Kind               string            `json:"kind"`
	Links              chSelfLink        `json:"links"`
	Name               string            `json:"name"`
	NameElements       *chNameElements   `json:"name_elements,omitempty"`
	Nationality        string            `json:"nationality,omitempty"`
	NaturesOfControl   []string          `json:"natures_of_control"`
	NotifiedOn         string            `json:"notified_on"`
}

type chNameElements struct {
	Title      string `json:"title,omitempty"`
	Forename   string `json:"forename"`
	MiddleName string `json:"middle_name,omitempty"`
	Surname    string `json:"surname"`
}

type chIdentification struct {
	LegalAuthority     string `json:"legal_authority"`
	LegalForm          string `json:"legal_form"`
	PlaceRegistered    string `json:"place_registered"`
	RegistrationNumber string `json:"registration_number"`
	CountryRegistered  string `json:"country_registered"`
}
