package people

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"the companies house form puts forenames first", "SMITH, John Robert", "john robert smith"},
		{"the natural form only changes case", "John Robert Smith", "john robert smith"},
		{"titles with dots are dropped", "Mrs. Jane Doe", "jane doe"},
		{"titles without dots are dropped", "Dr Jane Doe", "jane doe"},
		{"stacked titles are dropped", "The Rt Hon Lord Peter Mandelson", "peter mandelson"},
		{"a title inside the ch forenames is dropped", "DOE, Dr Jane", "jane doe"},
		{"a title after the ch forenames is dropped", "JONES, Olivia Eleanor, Dr", "olivia eleanor jones"},
		{"a surname that is also a title stays", "LORD, Peter", "peter lord"},
		{"a lone title is still a name", "Dr", "dr"},
		{"post-nominals are dropped", "John Smith OBE FCA", "john smith"},
		{"dotted post-nominals are dropped", "Jane Doe Ph.D.", "jane doe"},
		{"a post-nominal after a comma is not a surname", "John Smith, QC", "john smith"},
		{"a generation suffix is dropped", "SMITH, John, Jr.", "john smith"},
		{"dotted initials are initials, not a suffix", "SMITH, J.R.", "j r smith"},
		{"acute accents fold", "José García", "jose garcia"},
		{"diaereses fold", "Zoë Ball", "zoe ball"},
		{"sharp s becomes ss", "Peter Strauß", "peter strauss"},
		{"slashed o becomes o", "Søren Ørsted", "soren orsted"},
		{"thorn and eth are spelled out", "Ævar Þórsson Guðmundsdóttir", "aevar thorsson gudmundsdottir"},
		{"full-width letters become ascii", "Ｊｏｈｎ Ｓｍｉｔｈ", "john smith"},
		{"hyphens separate words", "Mary Smith-Jones", "mary smith jones"},
		{"apostrophes join words", "Liam O'Brien", "liam obrien"},
		{"curly apostrophes join words", "Liam O’Brien", "liam obrien"},
		{"runs of spaces collapse", "  John \t  Smith  ", "john smith"},
		{"control characters separate words", "John\x00Smith\n", "john smith"},
		{"zero-width characters vanish", "Jo\u200bhn Smith", "john smith"},
		{"nicknames in brackets are dropped", "John (Jack) Smith", "john smith"},
		{"other scripts are kept", "王 小明", "王 小明"},
		{"invalid utf-8 becomes a separator", "Jo\xffhn", "jo hn"},
		{"an empty name stays empty", "", ""},
		{"punctuation alone is empty", ".,;-", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeIsStableOnItsOutput(t *testing.T) {
	for _, in := range []string{"SMITH, Dr John Robert OBE", "Zoë Strauß-Ørsted", "O'BRIEN, Mary, Jr", "王 小明"} {
		once := Normalize(in)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(%q) = %q, but Normalize of that = %q", in, once, twice)
		}
	}
}

func TestDisplayName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"the companies house form is reordered and re-cased", "SMITH, John Robert", "John Robert Smith"},
		{"a mixed-case name is kept", "Ronald McDonald", "Ronald McDonald"},
		{"capitals after Mc are restored", "MCDONALD, Ronald", "Ronald McDonald"},
		{"capitals after an apostrophe are restored", "O'BRIEN, Mary", "Mary O'Brien"},
		{"each part of a double-barrelled name is capitalised", "SMITH-JONES, Mary", "Mary Smith-Jones"},
		{"diacritics are kept", "GARCÍA, José", "José García"},
		{"titles and honours are dropped", "Mrs Jane Doe OBE", "Jane Doe"},
		{"the generation is kept", "SMITH, John, Jr.", "John Smith Jr"},
		{"an all lower-case name is capitalised", "jane doe", "Jane Doe"},
		{"lower-case particles in a mixed-case name stay", "Pieter van der Berg", "Pieter van der Berg"},
		{"spacing is tidied", "  Jane \n Doe ", "Jane Doe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DisplayName(tt.in); got != tt.want {
				t.Errorf("DisplayName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"SMITH, John Robert", "Dr. José María Smith-Jones PhD", "Zoë Strauß", "O'BRIEN, Mary, Jr", "", ",,,", "\x00\xff\xfe", "(((", "J.R.R."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Normalize(in)
		if again := Normalize(in); again != got {
			t.Fatalf("Normalize(%q) gave %q then %q", in, got, again)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q, not valid utf-8", in, got)
		}
		if strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Fatalf("Normalize(%q) = %q, spacing not normalised", in, got)
		}
		if strings.ContainsFunc(got, func(r rune) bool { return unicode.IsControl(r) || unicode.IsPunct(r) }) {
			t.Fatalf("Normalize(%q) = %q holds control characters or punctuation", in, got)
		}
		if strings.ToLower(got) != got {
			t.Fatalf("Normalize(%q) = %q is not lower case", in, got)
		}
		_ = DisplayName(in)
	})
}
