package leadchange

import (
	"reflect"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

func str(s string) *string { return &s }

func exec(name, norm, role string, appointed, resigned *string, sources ...string) schemas.Executive {
	return schemas.Executive{Name: name, NormalizedName: norm, Role: role, AppointedOn: appointed, ResignedOn: resigned, Sources: sources}
}

func TestDescribeSaysWhoCameWhoLeftAndTheStatusInWords(t *testing.T) {
	prev := &schemas.EnrichedLead{CompanyStatus: str("active"), Executives: []schemas.Executive{
		exec("John Smith", "john smith", "secretary", str("2019-04-01"), nil, "companies_house"),
		exec("Priya Patel", "priya patel", pscRole, str("2018-01-01"), nil, "companies_house"),
		exec("Rhys Evans", "rhys evans", "CTO", nil, nil, "linkedin"),
		exec("Grace Okafor", "grace okafor", "director", str("2017-01-01"), nil, "companies_house"),
	}}
	next := &schemas.EnrichedLead{CompanyStatus: str("liquidation"), Executives: []schemas.Executive{
		exec("Jane Doe", "jane doe", "director", str("2026-12-01"), nil, "companies_house"),
		exec("John Smith", "john smith", "secretary", str("2019-04-01"), str("2026-12-03"), "companies_house"),
		exec("Priya Patel", "priya patel", pscRole, str("2018-01-01"), str("2026-12-02"), "companies_house"),
		exec("Amir Khan", "amir khan", "Head of Sales", nil, nil, "linkedin", "x"),
		exec("Grace Okafor", "grace okafor", "director", str("2017-01-01"), nil, "companies_house", "linkedin"),
		exec("Hannah Walsh", "hannah walsh", pscRole, str("2026-11-30"), nil, "companies_house"),
	}}
	var got []string
	for _, c := range Describe(prev, next) {
		got = append(got, c.Kind+": "+c.Text)
	}
	want := []string{
		"added: Amir Khan now listed as Head of Sales by linkedin, x",
		"notified: Hannah Walsh notified as a person with significant control on 2026-11-30",
		"appointed: Jane Doe appointed director on 2026-12-01",
		"resigned: John Smith resigned as secretary on 2026-12-03",
		"ceased: Priya Patel ceased to be a person with significant control on 2026-12-02",
		"removed: Rhys Evans no longer listed as CTO",
		"status: company status: active → liquidation",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes\n got %q\nwant %q", got, want)
	}
	if same := Describe(next, next); len(same) != 0 {
		t.Errorf("a lead compared with itself changed: %v", same)
	}
}
