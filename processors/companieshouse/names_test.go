package companieshouse

import (
	"testing"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/people"
)

func TestOfficerDisplayName(t *testing.T) {
	tests := []struct{ raw, display, normalized string }{
		{"SMITH, John Robert", "John Robert Smith", "john robert smith"},
		{"PEMBERTON-HOLT, Arthur James, Sir", "Arthur James Pemberton-Holt", "arthur james pemberton holt"},
		{"OKAFOR, Dr Chiamaka", "Chiamaka Okafor", "chiamaka okafor"},
		{"O'BRIEN, Siobhán", "Siobhán O'Brien", "siobhan obrien"},
		{"GARCÍA, José Luis", "José Luis García", "jose luis garcia"},
		{"BRONTË, Zoë", "Zoë Brontë", "zoe bronte"},
		{"WYNNE-JONES, Catrin Elin", "Catrin Elin Wynne-Jones", "catrin elin wynne jones"},
		{"McDONALD, Ewan", "Ewan McDONALD", "ewan mcdonald"}, // mixed case is kept as written
		{"John Smith", "John Smith", "john smith"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got := people.DisplayName(tt.raw)
			if got != tt.display || people.Normalize(got) != tt.normalized {
				t.Fatalf("%q → %q / %q, want %q / %q", tt.raw, got, people.Normalize(got), tt.display, tt.normalized)
			}
		})
	}
}

func TestPSCRegisterName(t *testing.T) {
	tests := []struct {
		name           string
		p              psc
		register, want string
	}{
		{"name elements win over the titled name line", pscNamed("Mr John Robert Smith", "Mr", "John", "Robert", "Smith"),
			"Smith, John Robert", "John Robert Smith"},
		{"an all-capitals surname is proper-cased for display", pscNamed("Dr Ada LOVELACE", "Dr", "Ada", "", "LOVELACE"),
			"LOVELACE, Ada", "Ada Lovelace"},
		{"without name elements the name line is kept and loses its title for display",
			pscNamed("Sir Arthur James Pemberton-Holt", "", "", "", ""), "Sir Arthur James Pemberton-Holt", "Arthur James Pemberton-Holt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pscRegisterName(tt.p)
			if got != tt.register || people.DisplayName(got) != tt.want {
				t.Fatalf("register name %q, display %q; want %q, %q", got, people.DisplayName(got), tt.register, tt.want)
			}
		})
	}
}

func pscNamed(name, title, fore, middle, sur string) psc {
	var p psc
	p.Name = name
	p.NameElements.Title, p.NameElements.Forename, p.NameElements.MiddleName, p.NameElements.Surname = title, fore, middle, sur
	return p
}

func TestNormalizeTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ACME WIDGETS LIMITED", "acme widgets"},
		{"The Acme Widgets (UK) Ltd.", "acme widgets uk"},
		{"SMITH & JONES PLC", "smith and jones"},
		{"ZOËTROPE CERAMICS LTD", "zoetrope ceramics"},
		{"THE LIMITED", "the limited"},
	}
	for _, tt := range tests {
		if got := normalizeTitle(tt.in); got != tt.want {
			t.Errorf("normalizeTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBestMatch(t *testing.T) {
	items := []searchItem{
		{Title: "ACME WIDGETS (UK) LTD", CompanyNumber: "09876543", CompanyStatus: "dissolved"},
		{Title: "ACME WIDGETS LTD", CompanyNumber: "11111111", CompanyStatus: "dissolved"},
		{Title: "ACME WIDGETS LIMITED", CompanyNumber: "12345678", CompanyStatus: "active"},
	}
	tests := []struct {
		name, query, number string
		found               bool
	}{
		{"the exact title beats a longer one", "Acme Widgets", "12345678", true},
		{"an active company wins a tie", "ACME WIDGETS LTD", "12345678", true},
		{"a company number beats every title", "9876543", "09876543", true},
		{"a near title above the threshold matches", "Acme Widgets UK", "09876543", true},
		{"a different company stays below the threshold", "Zenith Widgets", "", false},
		{"Jaro-Winkler favours a shared start, so a near name passes", "Acme Wires", "12345678", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, found := bestMatch(items, tt.query, apihttp.DefaultMatchThreshold)
			if found != tt.found || (found && m.Number != tt.number) {
				t.Fatalf("bestMatch(%q) = %+v, %v; want %s, %v", tt.query, m, found, tt.number, tt.found)
			}
		})
	}
}
