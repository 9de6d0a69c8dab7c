package companyname

import "testing"

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"legal words and punctuation go", "The Acme Widgets (UK) Ltd.", "acme widgets uk"},
		{"an ampersand reads as and", "Smith & Sons LIMITED", "smith and sons"},
		{"diacritics fold", "Café Zoë PLC", "cafe zoe"},
		{"a name of legal words only keeps them", "The Limited", "the limited"},
		{"empty stays empty", "", ""},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("%s: Normalize(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestSimilarityKeepsAFanClubApartFromTheCompany(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		min  float64
		max  float64
	}{
		{"identical names are 1", "acme widgets", "acme widgets", 1, 1},
		{"a country suffix still passes 0.85", "acme widgets", "acme widgets uk", 0.85, 1},
		{"a longer name with the same start falls below 0.85", "acme widgets", "acme widgets fan club", 0, 0.85},
		{"an empty name is 0", "", "acme", 0, 0},
	} {
		if got := Similarity(tc.a, tc.b); got < tc.min || got > tc.max {
			t.Errorf("%s: Similarity(%q, %q) = %.2f, want %.2f..%.2f", tc.name, tc.a, tc.b, got, tc.min, tc.max)
		}
	}
}
