package people

import (
	"slices"
	"testing"
)

// FuzzASCIITokens holds the ASCII fast path to what the Unicode path
// gives for the same text: the one-pass tokenizer is only a speed-up.
func FuzzASCIITokens(f *testing.F) {
	for _, s := range []string{"", "SMITH, John Robert", "O'Brien", "Smith-Jones", "Ph.D.",
		"Benjamin Carter | Founder & CEO", "  a  b  ", "J.R.R. Tolkien", "`x' y", "R2D2 c3po", "''", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		if got, want := asciiTokens(s), foldedTokens(s); !slices.Equal(got, want) {
			t.Fatalf("asciiTokens(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzHasToken holds the allocation-free ASCII test to the tokens it
// stands for.
func FuzzHasToken(f *testing.F) {
	for _, s := range []string{"Founder & CEO", "Non-Executive Director", "ceo", "C.E.O.", "Directors'", "Head-of-Sales", "Smith", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := slices.ContainsFunc(foldedTokens(s), func(w string) bool { return jobWords[w] })
		if got := hasToken(s, jobWords); got != want {
			t.Fatalf("hasToken(%q) = %v, want %v", s, got, want)
		}
	})
}
