package opencorporates

// The members of the API's bodies this client reads. Everything else,
// including api_version (which varies from 0.4.1 to 0.4.8), is ignored,
// so new members never break decoding.

type companyEnvelope struct {
	Results struct {
		Company company `json:"company"`
	} `json:"results"`
}

type searchEnvelope struct {
	Results struct {
		Companies []struct {
			Company company `json:"company"`
		} `json:"companies"`
	} `json:"results"`
}

type company struct {
	Name                    string        `json:"name"`
	CompanyNumber           string        `json:"company_number"`
	JurisdictionCode        string        `json:"jurisdiction_code"`
	IncorporationDate       string        `json:"incorporation_date"`
	CompanyType             string        `json:"company_type"`
	Inactive                *bool         `json:"inactive"`
	CurrentStatus           string        `json:"current_status"`
	RegisteredAddressInFull string        `json:"registered_address_in_full"`
	Officers                []officerItem `json:"officers"`
}

type officerItem struct {
	Officer officer `json:"officer"`
}

// officer is one appointment. Inactive may be null, and it and
// current_status may contradict each other; see isCurrent.
type officer struct {
	Name              string `json:"name"`
	Position          string `json:"position"`
	StartDate         string `json:"start_date"`
	EndDate           string `json:"end_date"`
	Inactive          *bool  `json:"inactive"`
	OpencorporatesURL string `json:"opencorporates_url"`
}

// errorBody is {"error":{"message":...}}; some proxies send
// {"error":"..."}, which is read too.
type errorBody struct {
	Error any `json:"error"`
}

func (e errorBody) message() string {
	switch v := e.Error.(type) {
	case string:
		return v
	case map[string]any:
		msg, _ := v["message"].(string)
		return msg
	default:
		return ""
	}
}
