package dataset

import (
	"strings"
	"testing"
)

func TestTheHandWrittenFileReadsAndEveryCompanyIsWellFormed(t *testing.T) {
	cs, err := parseCompanies(handWrittenYAML)
	if err != nil {
		t.Fatalf("handwritten.yaml: %v", err)
	}
	if len(cs) != 8 {
		t.Fatalf("handwritten.yaml has %d companies, want the 8 tests name", len(cs))
	}
	for _, number := range []string{"12345678", "09876543", "07654321", "10000001", "10000002", "SC123456", "NI654321", "OC400123"} {
		if _, ok := CompanyByNumber(number); !ok {
			t.Errorf("no hand-written company %s", number)
		}
	}
}

// wellFormed is one company the parser takes; the malformed cases below
// change one line of it.
const wellFormed = `
- number: "12345678"
  name: ACME WIDGETS LIMITED
  status: active
  type: ltd
  jurisdiction: england-wales
  created_on: "2019-03-14"
  address: {line1: High Street, locality: London, postal_code: EC1A 1BB, country: England}
  domain: acme-widgets.example
  sic_codes: ["62012"]
  officers:
    - {id: a1, appointment_id: b1, name: "DOE, Jane", role: director, appointed_on: "2019-03-14", birth_month: 6, birth_year: 1975}
  pscs:
    - {id: p1, kind: corporate-entity-person-with-significant-control, name: ACME HOLDINGS LIMITED,
       notified_on: "2020-06-01", natures_of_control: [ownership-of-shares-25-to-50-percent], registration_number: "07654321"}
`

func TestAMalformedCompanyIsRefusedByName(t *testing.T) {
	if _, err := parseCompanies([]byte(wellFormed)); err != nil {
		t.Fatalf("the well-formed company is refused: %v", err)
	}
	tests := []struct {
		name, from, to string
		want           []string
	}{
		{"a number not of the registry's form", `"12345678"`, `"1234"`,
			[]string{`company 1 (1234 ACME WIDGETS LIMITED)`, `number "1234"`}},
		{"a date that is no date", `created_on: "2019-03-14"`, `created_on: "2019-13-14"`,
			[]string{`company 1 (12345678 ACME WIDGETS LIMITED)`, `created_on "2019-13-14" is not a date`}},
		{"a dissolved company without its cessation", `status: active`, `status: dissolved`,
			[]string{`company 1 (12345678 ACME WIDGETS LIMITED)`, `does not match status "dissolved"`}},
		{"an officer with a month of birth but no year", `birth_year: 1975`, `birth_year: 0`,
			[]string{`company 1 (12345678 ACME WIDGETS LIMITED): officer 1 (DOE, Jane)`, `birth_month 6 and birth_year 0`}},
		{"a corporate PSC without its registration", `registration_number: "07654321"`, `nationality: British`,
			[]string{`psc 1 (ACME HOLDINGS LIMITED)`, `needs registration_number`}},
		{"a member the dataset does not know", `domain:`, `website:`,
			[]string{`decode companies`, `field website not found`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCompanies([]byte(strings.Replace(wellFormed, tt.from, tt.to, 1)))
			if err == nil {
				t.Fatal("parsed without an error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

func TestACompanyNumberUsedTwiceIsRefused(t *testing.T) {
	_, err := parseCompanies([]byte(wellFormed + strings.Replace(wellFormed, "ACME WIDGETS", "ACME SPROCKETS", 1)))
	if err == nil || !strings.Contains(err.Error(), "company 2 (12345678 ACME SPROCKETS LIMITED): number used twice") {
		t.Fatalf("err = %v, want company 2 named as using its number twice", err)
	}
}
