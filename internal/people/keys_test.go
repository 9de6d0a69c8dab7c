package people

import (
	"slices"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		name string
		in   schemas.Executive
		want []string
	}{
		{"the register form keys on the surname and the letters", schemas.Executive{Name: "DOE, Jane Elizabeth"},
			[]string{"word:doe", "letters:janeelizabethdoe"}},
		{"a display name keys on every word, any may be the surname", schemas.Executive{Name: "Smith John"},
			[]string{"word:smith", "word:john", "letters:smithjohn"}},
		{"titles and a generation are left out", schemas.Executive{Name: "Dr John Smith Jr"},
			[]string{"word:john", "word:smith", "sound:SM0", "letters:johnsmith"}},
		{"the normalised name stands in for a missing display name", schemas.Executive{NormalizedName: "jane doe"},
			[]string{"word:jane", "word:doe", "letters:janedoe"}},
		{"a German umlaut spelling keys like the folded letter", schemas.Executive{Name: "Jan Mueller"},
			[]string{"word:jan", "word:muller", "sound:MLR", "letters:janmueller"}},
		{"a company has no keys", schemas.Executive{Name: "ACME NOMINEES LIMITED"}, nil},
		{"a mention without a name has no keys", schemas.Executive{Name: " "}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Keys(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Keys = %q, want %q", got, tt.want)
			}
		})
	}
}

// Every labelled pair of the identity set that Same accepts without an
// agreeing appointment date or month of birth shares a key, and so does
// each name alone, without evidence, against the other mention: a
// blocking index on Keys misses no match.
func TestKeysBlockNoMatchWithoutAnAgreeingDate(t *testing.T) {
	for _, p := range readIdentityPairs(t) {
		bare := schemas.Executive{Name: p.a.Name}
		for _, pair := range [][2]schemas.Executive{{p.a, p.b}, {bare, p.b}, {{Name: p.b.Name}, p.a}} {
			a, b := pair[0], pair[1]
			same, _ := Same(a, b, testSources)
			if !same || datesAgree(a, b) || (bornOf(a) != "" && bornOf(a) == bornOf(b)) {
				continue
			}
			if !shareKey(Keys(a), Keys(b)) {
				t.Errorf("Same(%q, %q) but keys %q and %q share none", a.Name, b.Name, Keys(a), Keys(b))
			}
		}
	}
}

func datesAgree(a, b schemas.Executive) bool {
	return deref(a.AppointedOn) != "" && deref(a.AppointedOn) == deref(b.AppointedOn)
}

func shareKey(a, b []string) bool {
	return slices.ContainsFunc(a, func(k string) bool { return slices.Contains(b, k) })
}

func TestGeneration(t *testing.T) {
	for raw, want := range map[string]string{
		"SMITH, John, Jr": "Jr", "John Smith Snr": "Sr", "John Smith III OBE": "III", "John Smith": "", "": "",
	} {
		if got := Generation(raw); got != want {
			t.Errorf("Generation(%q) = %q, want %q", raw, got, want)
		}
	}
}
