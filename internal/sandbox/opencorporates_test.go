package sandbox

import "testing"

type ocCompanyBody struct {
	Results struct {
		Company struct {
			Name          string `json:"name"`
			CompanyNumber string `json:"company_number"`
			Officers      []struct {
				Officer struct {
					Name     string  `json:"name"`
					Position string  `json:"position"`
					EndDate  *string `json:"end_date"`
				} `json:"officer"`
			} `json:"officers"`
		} `json:"company"`
	} `json:"results"`
}

func TestOpenCorporatesCompanyEmbedsItsOfficers(t *testing.T) {
	rec := get(t, newServer(t, Config{}), "/opencorporates/v0.4/companies/gb/12345678?api_token=t", "")
	wantStatus(t, rec, 200)
	body := decode[ocCompanyBody](t, rec)
	officers := body.Results.Company.Officers
	if body.Results.Company.Name != "ACME WIDGETS LIMITED" || len(officers) != 3 {
		t.Fatalf("company = %+v", body.Results.Company)
	}
	if o := officers[0].Officer; o.Name != "JANE ELIZABETH DOE" || o.Position != "director" || o.EndDate != nil {
		t.Fatalf("first officer = %+v", o)
	}
	if o := officers[2].Officer; o.EndDate == nil || *o.EndDate != "2020-11-30" {
		t.Fatalf("resigned officer = %+v, want end_date 2020-11-30", o)
	}
}

func TestOpenCorporatesErrors(t *testing.T) {
	tests := []struct {
		name, target string
		status       int
		body         string
	}{
		{"a call without api_token is refused", "/opencorporates/v0.4/companies/gb/12345678", 401,
			`{"error":{"message":"Invalid Api Token. Please check your OpenCorporates account"}}`},
		{"the token 'invalid' is refused", "/opencorporates/v0.4/companies/gb/12345678?api_token=invalid", 401,
			`{"error":{"message":"Invalid Api Token. Please check your OpenCorporates account"}}`},
		{"an unknown company is a 404", "/opencorporates/v0.4/companies/gb/99999999?api_token=t", 404,
			`{"error":{"message":"No company found with that jurisdiction and company number"}}`},
		{"a search without q is a 400", "/opencorporates/v0.4/companies/search?api_token=t", 400,
			`{"error":{"message":"Invalid parameters"}}`},
	}
	s := newServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, tt.target, "")
			wantStatus(t, rec, tt.status)
			wantBody(t, rec, tt.body)
		})
	}
}

func TestOpenCorporatesSearchPages(t *testing.T) {
	type page struct {
		Results struct {
			Companies []struct {
				Company struct {
					CompanyNumber string `json:"company_number"`
				} `json:"company"`
			} `json:"companies"`
			Page       int `json:"page"`
			PerPage    int `json:"per_page"`
			TotalPages int `json:"total_pages"`
			TotalCount int `json:"total_count"`
		} `json:"results"`
	}
	s := newServer(t, Config{})
	first := decode[page](t, get(t, s, "/opencorporates/v0.4/companies/search?q=acme&per_page=1&api_token=t", ""))
	second := decode[page](t, get(t, s, "/opencorporates/v0.4/companies/search?q=acme&per_page=1&page=2&api_token=t", ""))
	r1, r2 := first.Results, second.Results
	if r1.TotalCount < 3 || r1.TotalPages != r1.TotalCount || len(r1.Companies) != 1 || r2.Page != 2 {
		t.Fatalf("pages = %+v, %+v", r1, r2)
	}
	if r1.Companies[0].Company.CompanyNumber == r2.Companies[0].Company.CompanyNumber {
		t.Fatal("page 2 repeats page 1")
	}
}
