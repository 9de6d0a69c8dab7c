package score

import (
	"math"
	"testing"

	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/schemas"
)

func TestRescoreGivesWhatComputeGivesWithoutThePeopleTakenOut(t *testing.T) {
	doe := person("Jane Doe", nil, "companies_house", "linkedin")
	smith := person("John Smith", nil, "companies_house")
	brown := person("Ann Brown", nil, "companies_house", "website")
	results := []*schemas.DiscoveryResult{
		res("companies_house", schemas.StatusOK, acme, person("DOE, Jane", nil)),
		res("website", schemas.StatusOK, &schemas.CompanyProfile{Name: "Acme Widgets Ltd"}),
		res("linkedin", schemas.StatusOK, &schemas.CompanyProfile{Name: "Other Co"}),
	}
	for _, tt := range []struct {
		name          string
		before, after []schemas.Executive
	}{
		{"a confirmed person out of three", []schemas.Executive{doe, smith, brown}, []schemas.Executive{smith, brown}},
		{"an unconfirmed person out of three", []schemas.Executive{doe, smith, brown}, []schemas.Executive{doe, brown}},
		{"the only person", []schemas.Executive{doe}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, old := Compute(Input{Executives: tt.before, Results: results, CompanyStatus: str("active"), Sources: registry.Sources()})
			wantScore, want := Compute(Input{Executives: tt.after, Results: results, CompanyStatus: str("active"), Sources: registry.Sources()})
			gotScore, got := Rescore(old, tt.before, tt.after)
			if gotScore != wantScore || math.Abs(got.CrossSourceAgreement-want.CrossSourceAgreement) > 1e-9 ||
				got.OfficialSource != want.OfficialSource || got.WebPresence != want.WebPresence || got.CompanyStatus != want.CompanyStatus {
				t.Errorf("Rescore = %v %+v, want %v %+v", gotScore, got, wantScore, want)
			}
		})
	}
}
