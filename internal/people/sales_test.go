package people

import (
	"reflect"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

func count(n int32) *int32 { return &n }

// TestAMergedPersonCarriesWhatASalesTeamActsOn: seniority and function
// from every source's title, one profile address per source, and the
// count of other directorships the appointments provider gives under the
// register's appointments link.
func TestAMergedPersonCarriesWhatASalesTeamActsOn(t *testing.T) {
	link := "/officers/abc123/appointments"
	detail := officer("DOE, Jane", "director", "", "", link)
	detail.OtherDirectorships = count(2)
	results := []*schemas.DiscoveryResult{
		result("companies_house", schemas.StatusOK, 1, officer("DOE, Jane", "director", "2019-03-14", "", link),
			officer("SMITH, John", "secretary", "2020-01-01", "", "/officers/def456/appointments")),
		result("linkedin", schemas.StatusOK, 1, officer("Jane Doe", "Co-Founder & CTO", "", "", "https://www.linkedin.com/in/janedoe")),
		result("website", schemas.StatusOK, 1, officer("Jane Doe", "CTO", "", "", "https://acme.example/team#jane")),
		result("companies_house_appointments", schemas.StatusOK, 1, detail),
	}
	people := Merge(results, testSources)
	if len(people) != 2 {
		t.Fatalf("%d people, want Jane Doe and John Smith (the appointments provider names no one): %q", len(people), summaries(people))
	}
	jane, john := people[0], people[1]
	tests := []struct {
		name      string
		got, want any
	}{
		{"the founder title outranks the register's director", deref(jane.Seniority), "founder"},
		{"the CTO title gives the function", deref(jane.Function), "technology"},
		{"a company secretary is a secretary in governance", deref(john.Seniority) + "/" + deref(john.Function), "secretary/governance"},
		{"profile addresses are the URLs each source gave, by source", jane.ProfileURLs, []schemas.ProfileURL{
			{Source: "linkedin", URL: "https://www.linkedin.com/in/janedoe"}, {Source: "website", URL: "https://acme.example/team#jane"}}},
		{"an officer link is not a profile address", john.ProfileURLs, []schemas.ProfileURL(nil)},
		{"the appointments count lands on the person with the same link", jane.OtherDirectorships, count(2)},
		{"a person the appointments provider did not count is unknown", john.OtherDirectorships, (*int32)(nil)},
		{"the appointments provider is not a source of the person", jane.Sources, []string{"companies_house", "linkedin", "website"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}
