package main

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/schemas"
)

// salesLead is a lead with what a sales team acts on: seniority, function,
// other directorships, a profile address and the score explained.
func salesLead() *schemas.EnrichedLead {
	founder, tech, two := "founder", "technology", int32(2)
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	return &schemas.EnrichedLead{LeadKey: "01234567", RequestID: "r-acme", CompanyName: "ACME WIDGETS LTD", CompanyNumber: str("01234567"),
		CompanyStatus: str("active"), ProvidersOK: []string{"companies_house", "linkedin"}, Complete: true, LeadScore: 61.5,
		ScoreExplanation: []string{"Companies House lists 2 current officers or owners (40 of 40).", "The company's status is active (15 of 15)."},
		Executives: []schemas.Executive{
			{Name: "Jane Smith", NormalizedName: "jane smith", Role: "director", Sources: []string{"companies_house", "linkedin"}, Confidence: 0.92,
				Seniority: &founder, Function: &tech, OtherDirectorships: &two,
				ProfileURLs: []schemas.ProfileURL{{Source: "linkedin", URL: "https://www.linkedin.com/in/jane-smith"}}},
			{Name: "Bob Jones", NormalizedName: "bob jones", Role: "secretary", Sources: []string{"companies_house"}, Confidence: 0.7},
		},
		Version: 3, UpdatedAt: at, RequestedAt: at}
}

func TestLeadsAsJSONLinesAreTheSchemasFieldsOneLeadPerLine(t *testing.T) {
	addr, cl := testBroker(t)
	produceLead(t, cl, salesLead())
	for _, format := range []string{"jsonl", "json"} {
		t.Run(format, func(t *testing.T) {
			out, err := capture(t, "leads", "--brokers", addr, "--output", format)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 1 {
				t.Fatalf("%d lines, want one lead:\n%s", len(lines), out)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(schemas.EnrichedLeadJSON(salesLead()))
			if again, _ := json.Marshal(got); string(again) != string(want) {
				t.Fatalf("leads --output %s:\n%s\nwant the lead's JSON view:\n%s", format, lines[0], want)
			}
			if got["updated_at"] != float64(salesLead().UpdatedAt.UnixMilli()) {
				t.Errorf("updated_at %v, want milliseconds since the epoch", got["updated_at"])
			}
		})
	}
}

func TestLeadsAsCSVHaveOneRowPerPerson(t *testing.T) {
	addr, cl := testBroker(t)
	produceLead(t, cl, salesLead())
	out, err := capture(t, "leads", "--brokers", addr, "--output", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], leadview.CSVHeader) {
		t.Fatalf("want the header and one row per person:\n%s", out)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	jane, bob := rows[1], rows[2]
	if jane[col("company_name")] != "ACME WIDGETS LTD" || bob[col("company_name")] != "ACME WIDGETS LTD" {
		t.Errorf("the company is not repeated on each person's row:\n%s", out)
	}
	if jane[col("seniority")] != "founder" || jane[col("other_directorships")] != "2" ||
		jane[col("linkedin_url")] != "https://www.linkedin.com/in/jane-smith" || bob[col("person_name")] != "Bob Jones" {
		t.Errorf("people's columns:\n%s", out)
	}
}
