package score

import (
	"reflect"
	"testing"

	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/schemas"
)

func TestEachComponentIsExplainedInOneSentenceWithItsPoints(t *testing.T) {
	website := &schemas.CompanyProfile{Name: "Acme Widgets Ltd"}
	tests := []struct {
		name string
		in   Input
		want []string
	}{
		{
			name: "a confirmed active company",
			in: Input{
				Executives: []schemas.Executive{person("Jane Doe", nil, "companies_house", "linkedin"), person("John Smith", nil, "companies_house"),
					person("Ann Brown", nil, "companies_house")},
				Results: []*schemas.DiscoveryResult{
					res("companies_house", schemas.StatusOK, acme, person("DOE, Jane", nil), person("SMITH, John", nil), person("BROWN, Ann", nil),
						person("GREY, Old", str("2010-01-01")), person("Ms Jane Doe", nil)),
					res("website", schemas.StatusOK, website),
					res("linkedin", schemas.StatusFallback, &schemas.CompanyProfile{Name: "Other Co"}),
					res("x", schemas.StatusNotFound, nil),
					res("facebook", schemas.StatusFailed, nil),
				},
				CompanyStatus: str("active"),
			},
			want: []string{
				"Companies House lists 3 current officers or owners (40 of 40).",
				"Two or more sources name 1 of 3 people, and 50% of the other sources agree on the company (10 of 25).",
				"1 of 4 web and social sources found the company and 1 more only from a fallback (7.5 of 20).",
				"The company's status is active (15 of 15).",
			},
		},
		{
			name: "a fallback register answer and nothing else",
			in: Input{
				Results:       []*schemas.DiscoveryResult{{Provider: "companies_house", Status: schemas.StatusFallback, Layer: schemas.LayerStaleCache, Company: acme}},
				CompanyStatus: str("in-liquidation"),
			},
			want: []string{
				"Companies House (from a stale cache) found the company but lists no current officers (10 of 40).",
				"No people were found, and no other source agrees on the company (0 of 25).",
				"0 of 4 web and social sources found the company (0 of 20).",
				"The company's status is in liquidation (1.5 of 15).",
			},
		},
		{
			name: "no answer at all",
			in:   Input{Results: []*schemas.DiscoveryResult{{Provider: "companies_house", Status: schemas.StatusFailed, ExpectedProviders: []string{"companies_house"}}}},
			want: []string{
				"No official register confirmed the company (0 of 40).",
				"No people were found, and no other source agrees on the company (0 of 25).",
				"No web or social source was asked (0 of 20).",
				"The company's status is unknown (7.5 of 15).",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Sources = registry.Sources()
			_, c := Compute(tt.in)
			if got := Explain(tt.in, c); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Explain:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestReexplainSaysHowManyPeopleRemainAfterAnErasure(t *testing.T) {
	doe := person("Jane Doe", nil, "companies_house", "linkedin")
	smith := person("John Smith", nil, "companies_house")
	in := Input{
		Executives: []schemas.Executive{doe, smith},
		Results: []*schemas.DiscoveryResult{res("companies_house", schemas.StatusOK, acme, person("DOE, Jane", nil)),
			res("website", schemas.StatusOK, &schemas.CompanyProfile{Name: "Acme Widgets Ltd"})},
		CompanyStatus: str("active"), Sources: registry.Sources(),
	}
	_, before := Compute(in)
	_, after := Rescore(before, in.Executives, []schemas.Executive{smith})
	got := Reexplain(Explain(in, before), after, []schemas.Executive{smith})
	in.Executives = []schemas.Executive{smith}
	if want := Explain(in, after); !reflect.DeepEqual(got, want) {
		t.Errorf("Reexplain:\n got  %q\n want %q", got, want)
	}
	if got := Reexplain(nil, after, nil); got != nil {
		t.Errorf("a lead without an explanation got one: %q", got)
	}
}
