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
