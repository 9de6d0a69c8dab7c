package companieshouse

// The Companies House response bodies, with the member names and order of
// the real API (shared/fixtures/companies_house).

type searchPage struct {
	Items        []searchItem `json:"items"`
	ItemsPerPage int          `json:"items_per_page"`
	Kind         string       `json:"kind"`
	PageNumber   int          `json:"page_number"`
	StartIndex   int          `json:"start_index"`
	TotalResults int          `json:"total_results"`
}

type searchItem struct {
	Kind                  string   `json:"kind"`
	Title                 string   `json:"title"`
	CompanyNumber         string   `json:"company_number"`
	CompanyStatus         string   `json:"company_status"`
	CompanyType           string   `json:"company_type"`
	DateOfCreation        string   `json:"date_of_creation"`
	DateOfCessation       string   `json:"date_of_cessation,omitempty"`
	Address               address  `json:"address"`
	AddressSnippet        string   `json:"address_snippet"`
	Description           string   `json:"description"`
	DescriptionIdentifier []string `json:"description_identifier"`
	Links                 selfLink `json:"links"`
	Matches               matches  `json:"matches"`
}

// matches holds 1-based, inclusive character spans of the matched words.
type matches struct {
	Title []int `json:"title"`
}

type address struct {
	Premises     string `json:"premises,omitempty"`
	AddressLine1 string `json:"address_line_1"`
	Locality     string `json:"locality"`
	PostalCode   string `json:"postal_code"`
	Country      string `json:"country,omitempty"`
}

type selfLink struct {
	Self string `json:"self"`
}

type profile struct {
	Accounts                             *accounts     `json:"accounts,omitempty"`
	CanFile                              bool          `json:"can_file"`
	CompanyName                          string        `json:"company_name"`
	CompanyNumber                        string        `json:"company_number"`
	CompanyStatus                        string        `json:"company_status"`
	ConfirmationStatement                *confirmation `json:"confirmation_statement,omitempty"`
	DateOfCessation                      string        `json:"date_of_cessation,omitempty"`
	DateOfCreation                       string        `json:"date_of_creation"`
	Etag                                 string        `json:"etag"`
	HasBeenLiquidated                    bool          `json:"has_been_liquidated"`
	HasCharges                           bool          `json:"has_charges"`
	HasInsolvencyHistory                 bool          `json:"has_insolvency_history"`
	HasSuperSecurePSCs                   bool          `json:"has_super_secure_pscs"`
	Jurisdiction                         string        `json:"jurisdiction"`
	Links                                profileLinks  `json:"links"`
	RegisteredOfficeAddress              address       `json:"registered_office_address"`
	RegisteredOfficeIsInDispute          bool          `json:"registered_office_is_in_dispute"`
	SICCodes                             []string      `json:"sic_codes"`
	Type                                 string        `json:"type"`
	UndeliverableRegisteredOfficeAddress bool          `json:"undeliverable_registered_office_address"`
}

// accounts keeps the real API's quirk: the accounting reference day and
// month are strings.
type accounts struct {
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

type confirmation struct {
	LastMadeUpTo string `json:"last_made_up_to"`
	NextDue      string `json:"next_due"`
	NextMadeUpTo string `json:"next_made_up_to"`
	Overdue      bool   `json:"overdue"`
}

type profileLinks struct {
	Self                          string `json:"self"`
	Officers                      string `json:"officers"`
	FilingHistory                 string `json:"filing_history"`
	Charges                       string `json:"charges"`
	PersonsWithSignificantControl string `json:"persons_with_significant_control"`
}

type officerList struct {
	ActiveCount   int       `json:"active_count"`
	Etag          string    `json:"etag"`
	InactiveCount int       `json:"inactive_count"`
	Items         []officer `json:"items"`
	ItemsPerPage  int       `json:"items_per_page"`
	Kind          string    `json:"kind"`
	Links         selfLink  `json:"links"`
	ResignedCount int       `json:"resigned_count"`
	StartIndex    int       `json:"start_index"`
	TotalResults  int       `json:"total_results"`
}

type officer struct {
	Address            address      `json:"address"`
	AppointedOn        string       `json:"appointed_on"`
	ResignedOn         string       `json:"resigned_on,omitempty"`
	CountryOfResidence string       `json:"country_of_residence,omitempty"`
	DateOfBirth        *monthYear   `json:"date_of_birth,omitempty"`
	Links              officerLinks `json:"links"`
	Name               string       `json:"name"`
	Nationality        string       `json:"nationality,omitempty"`
	Occupation         string       `json:"occupation,omitempty"`
	OfficerRole        string       `json:"officer_role"`
}

// monthYear is a date of birth: Companies House publishes no day.
type monthYear struct {
	Month int `json:"month"`
	Year  int `json:"year"`
}

type officerLinks struct {
	Self    string `json:"self"`
	Officer struct {
		Appointments string `json:"appointments"`
	} `json:"officer"`
}

type pscList struct {
	ActiveCount  int      `json:"active_count"`
	CeasedCount  int      `json:"ceased_count"`
	Items        []psc    `json:"items"`
	ItemsPerPage int      `json:"items_per_page"`
	Links        selfLink `json:"links"`
	StartIndex   int      `json:"start_index"`
	TotalResults int      `json:"total_results"`
}

type psc struct {
	Address            address         `json:"address"`
	CeasedOn           string          `json:"ceased_on,omitempty"`
	CountryOfResidence string          `json:"country_of_residence,omitempty"`
	DateOfBirth        *monthYear      `json:"date_of_birth,omitempty"`
	Etag               string          `json:"etag"`
	Identification     *identification `json:"identification,omitempty"`
	Kind               string          `json:"kind"`
	Links              selfLink        `json:"links"`
	Name               string          `json:"name"`
	NameElements       *nameElements   `json:"name_elements,omitempty"`
	Nationality        string          `json:"nationality,omitempty"`
	NaturesOfControl   []string        `json:"natures_of_control"`
	NotifiedOn         string          `json:"notified_on"`
}

type nameElements struct {
	Title      string `json:"title,omitempty"`
	Forename   string `json:"forename"`
	MiddleName string `json:"middle_name,omitempty"`
	Surname    string `json:"surname"`
}

type identification struct {
	LegalAuthority     string `json:"legal_authority"`
	LegalForm          string `json:"legal_form"`
	PlaceRegistered    string `json:"place_registered"`
	RegistrationNumber string `json:"registration_number"`
	CountryRegistered  string `json:"country_registered"`
}
