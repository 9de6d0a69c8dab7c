package score

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/schemas"
)

func str(s string) *string { return &s }

func person(name string, resigned *string, sources ...string) schemas.Executive {
	return schemas.Executive{Name: name, ResignedOn: resigned, Sources: sources}
}

func res(provider string, status schemas.Status, company *schemas.CompanyProfile, execs ...schemas.Executive) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{Provider: provider, Status: status, Company: company, Executives: execs}
}

var acme = &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED", Number: str("01234567")}

func TestCompute(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		want  schemas.ScoreComponents
		score float64
	}{
		{
			name:  "an empty input scores only the unknown status",
			in:    Input{},
			want:  schemas.ScoreComponents{CompanyStatus: 50},
			score: 7.5,
		},
		{
			name: "an active company confirmed everywhere scores 100",
			in: Input{
				Executives: []schemas.Executive{person("Jane Doe", nil, "companies_house", "linkedin")},
				Results: []*schemas.DiscoveryResult{
					res("companies_house", schemas.StatusOK, acme, person("DOE, Jane", nil)),
					res("website", schemas.StatusOK, &schemas.CompanyProfile{Name: "Acme Widgets Ltd"}),
					res("x", schemas.StatusOK, nil),
					res("linkedin", schemas.StatusOK, &schemas.CompanyProfile{Name: "The Acme Widgets"}),
					res("facebook", schemas.StatusOK, nil),
				},
				CompanyStatus: str("active"),
			},
			want:  schemas.ScoreComponents{OfficialSource: 100, CrossSourceAgreement: 100, WebPresence: 100, CompanyStatus: 100},
			score: 100,
		},
		{
			name: "companies house without current officers scores 50 for the official source",
			in: Input{
				Results: []*schemas.DiscoveryResult{res("companies_house", schemas.StatusOK, acme, person("DOE, Jane", str("2020-01-01")))},
			},
			want:  schemas.ScoreComponents{OfficialSource: 50, CompanyStatus: 50},
			score: 27.5,
		},
		{
			name: "a companies house fallback answer scores 25 less",
			in: Input{
				Results: []*schemas.DiscoveryResult{res("companies_house", schemas.StatusFallback, acme, person("DOE, Jane", nil))},
			},
			want:  schemas.ScoreComponents{OfficialSource: 75, CompanyStatus: 50},
			score: 37.5,
		},
		{
			name: "a failed or missing companies house scores 0 for the official source",
			in: Input{
				Results: []*schemas.DiscoveryResult{res("companies_house", schemas.StatusFailed, nil), res("companies_house", schemas.StatusNotFound, nil)},
			},
			want:  schemas.ScoreComponents{CompanyStatus: 50},
			score: 7.5,
		},
		{
			name: "half the people confirmed by two sources and a disagreeing profile give 30 agreement",
			in: Input{
				Executives: []schemas.Executive{
					person("Jane Doe", nil, "companies_house", "x"),
					person("John Roe", nil, "companies_house", "companies_house"),
				},
				Results: []*schemas.DiscoveryResult{
					res("companies_house", schemas.StatusOK, acme),
					res("website", schemas.StatusOK, &schemas.CompanyProfile{Name: "Acme Widgets", Number: str("07654321")}),
				},
			},
			want:  schemas.ScoreComponents{OfficialSource: 50, CrossSourceAgreement: 30, WebPresence: 25, CompanyStatus: 50},
			score: 40, // 0.4·50 + 0.25·30 + 0.2·25 + 0.15·50
		},
		{
			name: "only the web providers the request expected count, a fallback counting half",
			in: Input{
				Results: []*schemas.DiscoveryResult{
					{Provider: "x", Status: schemas.StatusFallback, Company: acme, ExpectedProviders: []string{"companies_house", "x", "website"}},
					{Provider: "website", Status: schemas.StatusNotFound, ExpectedProviders: []string{"companies_house", "x", "website"}},
				},
			},
			want:  schemas.ScoreComponents{WebPresence: 25, CompanyStatus: 50},
			score: 12.5,
		},
		{
			name:  "a request expecting no web provider has no web presence",
			in:    Input{Results: []*schemas.DiscoveryResult{{Provider: "companies_house", Status: schemas.StatusNotFound, ExpectedProviders: []string{"companies_house"}}}},
			want:  schemas.ScoreComponents{CompanyStatus: 50},
			score: 7.5,
		},
		{
			name:  "a dissolved company scores 0 for status",
			in:    Input{CompanyStatus: str("dissolved")},
			want:  schemas.ScoreComponents{},
			score: 0,
		},
		{
			name: "the score is rounded to two decimals but its components are not",
			in: Input{Results: []*schemas.DiscoveryResult{
				{Provider: "x", Status: schemas.StatusOK, ExpectedProviders: []string{"x", "website", "linkedin"}},
			}},
			want:  schemas.ScoreComponents{WebPresence: 100.0 / 3, CompanyStatus: 50},
			score: 14.17, // 0.2·33.33… + 0.15·50 = 14.1666…
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Sources = registry.Sources()
			score, got := Compute(in)
			if got != tt.want || score != tt.score {
				t.Errorf("Compute = %v %+v, want %v %+v", score, got, tt.score, tt.want)
			}
		})
	}
}

func TestCompanyStatus(t *testing.T) {
	tests := []struct {
		status *string
		want   float64
	}{
		{str("active"), 100}, {str("Active"), 100}, {str("open"), 100},
		{nil, 50}, {str(""), 50}, {str("unknown"), 50}, {str("something-new"), 50},
		{str("dormant"), 40}, {str("inactive"), 40},
		{str("liquidation"), 10}, {str("In Liquidation"), 10}, {str("administration"), 10},
		{str("receivership"), 10}, {str("insolvency-proceedings"), 10}, {str("voluntary-arrangement"), 10},
		{str("dissolved"), 0}, {str("closed"), 0}, {str("converted-closed"), 0}, {str("removed"), 0},
	}
	for _, tt := range tests {
		if got := companyStatus(tt.status); got != tt.want {
			t.Errorf("a company status of %q scores %v, want %v", deref(tt.status), got, tt.want)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestCompanyAgreementUsesTheLatestProfileOfAProvider(t *testing.T) {
	old := res("website", schemas.StatusOK, &schemas.CompanyProfile{Name: "Other Co"})
	newer := res("website", schemas.StatusOK, &schemas.CompanyProfile{Name: "Acme Widgets"})
	newer.FetchedAt = time.Unix(100, 0)
	results := []*schemas.DiscoveryResult{newer, res("companies_house", schemas.StatusOK, acme), old}
	if got := companyShare(results, registry.Sources()); got != 1 {
		t.Errorf("company agreement = %v, want 1", got)
	}
}
