package dataset

import (
	"reflect"
	"slices"
	"testing"
)

func TestDatasetHasEnoughWellFormedCompanies(t *testing.T) {
	cs := Companies()
	if len(cs) < 200 {
		t.Fatalf("dataset has %d companies, want at least 200", len(cs))
	}
	numbers := map[string]bool{}
	for _, c := range cs {
		if numbers[c.Number] {
			t.Errorf("company number %s is used twice", c.Number)
		}
		numbers[c.Number] = true
		if err := c.validate(); err != nil {
			t.Errorf("%s %s: %v", c.Number, c.Name, err)
		}
		if len(c.Officers) < 2 || len(c.Officers) > 8 {
			t.Errorf("%s %s: %d officers, want 2..8", c.Number, c.Name, len(c.Officers))
		}
	}
}

func TestDatasetMixesStatusesRolesAndPrefixes(t *testing.T) {
	seen := map[string]int{}
	for _, c := range Companies() {
		seen["status "+c.Status]++
		seen["prefix "+c.Number[:2]]++
		for _, o := range c.Officers {
			seen["role "+o.Role]++
			if o.ResignedOn != "" {
				seen["resigned"]++
			}
		}
	}
	for _, want := range []string{"status active", "status dissolved", "status liquidation", "prefix SC", "prefix NI",
		"role director", "role secretary", "role llp-member", "role corporate-director", "resigned"} {
		if seen[want] == 0 {
			t.Errorf("dataset has no %s", want)
		}
	}
	if seen["status active"] < len(Companies())/2 {
		t.Errorf("only %d active companies, want most", seen["status active"])
	}
}

func TestDatasetHoldsTheNameVariantsForDedupe(t *testing.T) {
	tests := []struct {
		name, number string
		officers     []string
		pscs         []string
	}{
		{"one person as officer and PSC, and a near-namesake", "10000001",
			[]string{"SMITH, John Robert", "SMITH, Joan"}, []string{"Mr John Robert Smith"}},
		{"titles and honours", "10000002",
			[]string{"PEMBERTON-HOLT, Arthur James, Sir", "OKAFOR, Chiamaka, Dr"}, []string{"Sir Arthur James Pemberton-Holt", "Dr Chiamaka Okafor"}},
		{"double-barrelled surnames", "10000002", []string{"FFORBES-HAMILTON, Hugo", "WYNNE-JONES, Catrin Elin"}, nil},
		{"diacritics with and without marks", "SC123456",
			[]string{"GARCÍA, José Luis", "BRONTË, Zoë"}, []string{"Mr Jose Luis Garcia", "Ms Zoë Brontë"}},
		{"the fixture company", "12345678", []string{"DOE, Jane Elizabeth", "BROWN, Alice"}, []string{"Mrs Jane Elizabeth Doe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := CompanyByNumber(tt.number)
			if !ok {
				t.Fatalf("no company %s", tt.number)
			}
			for _, name := range tt.officers {
				if !slices.ContainsFunc(c.Officers, func(o Officer) bool { return o.Name == name }) {
					t.Errorf("no officer %q", name)
				}
			}
			for _, name := range tt.pscs {
				if !slices.ContainsFunc(c.PSCs, func(p PSC) bool { return p.Name == name }) {
					t.Errorf("no PSC %q", name)
				}
			}
		})
	}
}

func TestDatasetIsTheSameEveryTime(t *testing.T) {
	a := generate(datasetSeed, handWritten(), generatedCount)
	b := generate(datasetSeed, handWritten(), generatedCount)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generations with one seed differ")
	}
}

func TestCompaniesReturnsACopy(t *testing.T) {
	Companies()[0].Officers[0].Name = "CHANGED, Name"
	if c, _ := CompanyByNumber(Companies()[0].Number); c.Officers[0].Name == "CHANGED, Name" {
		t.Fatal("a caller changed the shared dataset")
	}
}
