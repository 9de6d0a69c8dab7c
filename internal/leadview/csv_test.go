package leadview

import (
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

func TestTheCSVListsMatchingLeadsNewestFirstWithTheirPeople(t *testing.T) {
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	num := "01234567"
	leads := []*schemas.EnrichedLead{
		{LeadKey: "old", CompanyName: "ACME OLD LTD", UpdatedAt: at},
		{LeadKey: num, CompanyName: "ACME, \"NEW\" LTD", CompanyNumber: &num, UpdatedAt: at.Add(time.Hour), LeadScore: 70.25,
			Executives: []schemas.Executive{{Name: "Jane Smith", Role: "director", Sources: []string{"companies_house", "website"}, Confidence: 0.9}}},
		{LeadKey: "bolt", CompanyName: "BOLT PLC", UpdatedAt: at.Add(2 * time.Hour)},
	}
	var b strings.Builder
	if err := WriteCSV(&b, Search(leads, "acme")); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(CSVHeader, ",") + "\n" +
		`01234567,"ACME, ""NEW"" LTD",01234567,,70.25,0.00,0.00,0.00,0.00,0,2026-11-01T10:00:00Z,,,"Jane Smith (director; companies_house,website; 0.90)"` + "\n" +
		"old,ACME OLD LTD,,,0.00,0.00,0.00,0.00,0.00,0,2026-11-01T09:00:00Z,,,\n"
	if b.String() != want {
		t.Fatalf("csv:\n%s\nwant:\n%s", b.String(), want)
	}
}
