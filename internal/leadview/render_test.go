package leadview

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

func TestControlInWords(t *testing.T) {
	tests := []struct{ code, want string }{
		{"ownership-of-shares-25-to-50-percent", "owns 25–50 % of shares"},
		{"ownership-of-shares-75-to-100-percent-as-trust", "owns 75–100 % of shares through a trust"},
		{"voting-rights-50-to-75-percent-as-firm", "holds 50–75 % of votes through a firm"},
		{"right-to-appoint-and-remove-directors", "appoints and removes directors"},
		{"significant-influence-or-control", "has significant influence or control"},
		{"right-to-share-surplus-assets-50-to-75-percent-limited-liability-partnership", "shares in 50–75 % of surplus assets"},
		{"right-to-appoint-and-remove-members-as-trust-limited-liability-partnership", "appoints and removes members through a trust"},
		{"part-right-to-share-surplus-assets-25-to-50-percent", "shares in 25–50 % of surplus assets"},
		{"right-to-appoint-and-remove-person-as-firm", "appoints and removes managers through a firm"},
		{"ownership-of-shares-more-than-25-percent-as-control-over-trust-registered-overseas-entity", "owns over 25 % of shares through a trust"},
		{"registered-owner-as-nominee-person-scotland-registered-overseas-entity", "registered-owner-as-nominee-person-scotland-registered-overseas-entity"},
		{"ownership-of-shares-10-to-20-percent", "ownership-of-shares-10-to-20-percent"},
		{"significant-influence-or-control-as-proxy", "significant-influence-or-control-as-proxy"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := controlWords(tt.code); got != tt.want {
				t.Fatalf("%q, want %q", got, tt.want)
			}
		})
	}
}

func janeDoe() *schemas.EnrichedLead {
	month, year := int32(6), int32(1975)
	return &schemas.EnrichedLead{LeadKey: "12345678", CompanyName: "ACME WIDGETS LIMITED", Version: 1,
		Executives: []schemas.Executive{
			{Name: "Jane Elizabeth Doe", Role: "director", BirthMonth: &month, BirthYear: &year,
				NaturesOfControl: []string{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent", "right-to-appoint-and-remove-directors"}},
			{Name: "Robert Smith", Role: "secretary"},
		}}
}

func TestTheTableShowsAPersonsControlInWords(t *testing.T) {
	var out bytes.Buffer
	if err := NewTable(&out).Write(Event{Key: "12345678", Lead: janeDoe()}); err != nil {
		t.Fatal(err)
	}
	want := "Jane Elizabeth Doe (director; owns 50–75 % of shares, holds 50–75 % of votes, appoints and removes directors); Robert Smith (secretary)\n"
	if !strings.HasSuffix(out.String(), want) {
		t.Fatalf("table:\n%s\nwant a row ending %q", out.String(), want)
	}
}

func TestJSONCarriesBirthAndControlAsTheyAre(t *testing.T) {
	var out bytes.Buffer
	if err := NewJSON(&out).Write(Event{Key: "12345678", Lead: janeDoe()}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Executives []map[string]any `json:"executives"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	jane, robert := got.Executives[0], got.Executives[1]
	if jane["birth_month"] != 6.0 || jane["birth_year"] != 1975.0 || len(jane["natures_of_control"].([]any)) != 3 ||
		jane["natures_of_control"].([]any)[0] != "ownership-of-shares-50-to-75-percent" {
		t.Errorf("jane = %v", jane)
	}
	if robert["birth_month"] != nil || robert["birth_year"] != nil || len(robert["natures_of_control"].([]any)) != 0 {
		t.Errorf("robert = %v, want null, null and []", robert)
	}
}

func TestTheTableAndJSONSayWhatAProviderLeftOut(t *testing.T) {
	lead := janeDoe()
	lead.Notes = []schemas.LeadNote{{Provider: "website", Note: "robots.txt of https://acme.example disallows /team for leadgen"}}
	var table, js bytes.Buffer
	if err := NewTable(&table).Write(Event{Key: "12345678", Lead: lead}); err != nil {
		t.Fatal(err)
	}
	if want := "Robert Smith (secretary) [website: robots.txt of https://acme.example disallows /team for leadgen]\n"; !strings.HasSuffix(table.String(), want) {
		t.Fatalf("table:\n%s\nwant a row ending %q", table.String(), want)
	}
	if err := NewJSON(&js).Write(Event{Key: "12345678", Lead: lead}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Notes []map[string]string `json:"notes"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Notes) != 1 || got.Notes[0]["provider"] != "website" || got.Notes[0]["note"] != lead.Notes[0].Note {
		t.Fatalf("notes = %v", got.Notes)
	}
}

func TestTheTablePrintsNoControlCharactersFromTheSources(t *testing.T) {
	lead := janeDoe()
	lead.CompanyName = "ACME\x1b[2J LIMITED"
	lead.Notes = []schemas.LeadNote{{Provider: "companies_house_appointments", Note: "DOE, Jane holds 1 other active appointment: EVIL\u202eLTD\x07 (01234567)"}}
	var out bytes.Buffer
	if err := NewTable(&out).Write(Event{Key: "12345678", Lead: lead}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07\u202e") {
		t.Fatalf("table carries control characters: %q", out.String())
	}
	if !strings.Contains(out.String(), "ACME [2J LIMITED") || !strings.Contains(out.String(), "EVIL LTD  (01234567)") {
		t.Fatalf("table lost the text around the control characters: %q", out.String())
	}
}

func TestTheTableShowsOtherDirectorshipsAndJSONSeniorityToo(t *testing.T) {
	lead := janeDoe()
	founder, two := "founder", int32(2)
	lead.Executives[0].Seniority, lead.Executives[0].OtherDirectorships = &founder, &two
	var table, js bytes.Buffer
	if err := NewTable(&table).Write(Event{Key: "12345678", Lead: lead}); err != nil {
		t.Fatal(err)
	}
	if want := "Jane Elizabeth Doe (director, 2 other directorships; owns"; !strings.Contains(table.String(), want) {
		t.Errorf("table:\n%s\nwant %q", table.String(), want)
	}
	if err := NewJSON(&js).Write(Event{Key: "12345678", Lead: lead}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		UpdatedAt  json.Number      `json:"updated_at"`
		Executives []map[string]any `json:"executives"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, js.String())
	}
	if got.Executives[0]["seniority"] != "founder" || got.Executives[0]["other_directorships"] != 2.0 || got.Executives[1]["seniority"] != nil {
		t.Errorf("executives = %v", got.Executives)
	}
}
