package leadview

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

func TestTheCSVHasOneRowPerPersonOfTheMatchingLeadsNewestFirst(t *testing.T) {
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	num, founder, tech, two := "01234567", "founder", "technology", int32(2)
	leads := []*schemas.EnrichedLead{
		{LeadKey: "old", CompanyName: "ACME OLD LTD", UpdatedAt: at},
		{LeadKey: num, CompanyName: "ACME, \"NEW\" LTD", CompanyNumber: &num, UpdatedAt: at.Add(time.Hour), LeadScore: 70.25,
			ScoreExplanation: []string{"Companies House lists 2 current officers or owners (40 of 40).", "The company's status is active (15 of 15)."},
			Executives: []schemas.Executive{
				{Name: "Jane Smith", Role: "director", Seniority: &founder, Function: &tech, OtherDirectorships: &two,
					Sources: []string{"companies_house", "linkedin"}, Confidence: 0.9,
					ProfileURLs: []schemas.ProfileURL{{Source: "linkedin", URL: "https://www.linkedin.com/in/jane"}}},
				{Name: "=HYPERLINK(\"http://evil.example\")", Role: "secretary", Sources: []string{"website"}, Confidence: 0.5},
			}},
		{LeadKey: "bolt", CompanyName: "BOLT PLC", UpdatedAt: at.Add(2 * time.Hour)},
	}
	var b strings.Builder
	if err := WriteCSV(&b, Search(leads, "acme")); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || !slices.Equal(rows[0], CSVHeader) {
		t.Fatalf("%d rows, want the header, two people of the newest lead and the older lead without people:\n%s", len(rows), b.String())
	}
	get := func(row int, column string) string { return rows[row][slices.Index(CSVHeader, column)] }
	tests := []struct{ name, got, want string }{
		{"the company repeats on each person's row", get(2, "company_name"), `ACME, "NEW" LTD`},
		{"the explanation is the sentences in one cell", get(1, "score_explanation"),
			"Companies House lists 2 current officers or owners (40 of 40). The company's status is active (15 of 15)."},
		{"a person's seniority", get(1, "seniority"), "founder"},
		{"a person's function", get(1, "function"), "technology"},
		{"a person's other directorships", get(1, "other_directorships"), "2"},
		{"unknown directorships are empty", get(2, "other_directorships"), ""},
		{"a profile address in its source's column", get(1, "linkedin_url"), "https://www.linkedin.com/in/jane"},
		{"no address where the source gave none", get(1, "x_url"), ""},
		{"a cell a spreadsheet would run as a formula is quoted", get(2, "person_name"), `'=HYPERLINK("http://evil.example")`},
		{"a lead without people has one row", get(3, "lead_key") + "|" + get(3, "person_name"), "old|"},
		{"the score keeps two decimals", get(1, "lead_score"), "70.25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// TestEveryCSVColumnIsDocumented keeps docs/LEADS.md, which sales teams
// read to map the columns, in step with CSVHeader.
func TestEveryCSVColumnIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/LEADS.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range CSVHeader {
		if !strings.Contains(string(doc), "`"+c+"`") {
			t.Errorf("docs/LEADS.md does not describe the column %s", c)
		}
	}
}
