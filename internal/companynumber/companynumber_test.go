package companynumber

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"eight digits are a number", "12345678", "12345678", true},
		{"seven digits get their leading zero back", "1234567", "01234567", true},
		{"a lower-case Scottish number with spaces is upper-cased and joined", " sc123456 ", "SC123456", true},
		{"a Northern Ireland number with a space inside is joined", "NI 654321", "NI654321", true},
		{"nine digits are not a number", "123456789", "123456789", false},
		{"a word is not a number", "Acme", "ACME", false},
		{"three letters are not a prefix", "SCO12345", "SCO12345", false},
		{"a letter at the end is not a number", "1234567A", "1234567A", false},
		{"a prefix with too few digits is not a number", "SC1234", "SC1234", false},
		{"a path traversal is not a number", "../../etc/passwd", "../../ETC/PASSWD", false},
		{"a query string is not a number", "?x=1&y=", "?X=1&Y=", false},
		{"an empty string is not a number", "", "", false},
		{"full-width digits are not a number", "１２３４５６７８", "１２３４５６７８", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := Normalize(tt.in); got != tt.want || ok != tt.ok {
				t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
