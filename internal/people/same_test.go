package people

import (
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

func TestSameIsSymmetric(t *testing.T) {
	for _, p := range readIdentityPairs(t) {
		ab, sab := Same(p.a, p.b, testSources)
		ba, sba := Same(p.b, p.a, testSources)
		if ab != ba || sab != sba {
			t.Errorf("Same(%q, %q) = %v %.3f but reversed %v %.3f", p.a.Name, p.b.Name, ab, sab, ba, sba)
		}
	}
}

func TestSame(t *testing.T) {
	ptr := func(s string) *string { return &s }
	tests := []struct {
		name string
		a, b schemas.Executive
		want bool
	}{
		{
			name: "a mention without a name is never the same as another",
			a:    schemas.Executive{Name: " ", Sources: []string{"x"}},
			b:    schemas.Executive{Name: " ", Sources: []string{"website"}},
			want: false,
		},
		{
			name: "the normalised name stands in for a missing display name",
			a:    schemas.Executive{NormalizedName: "jane doe", Sources: []string{"x"}},
			b:    schemas.Executive{Name: "DOE, Jane", Sources: []string{"companies_house"}},
			want: true,
		},
		{
			name: "one source reference at one source is one person, even from an initial",
			a:    schemas.Executive{Name: "J Doe", SourceRef: ptr("ch/officers/abc"), Sources: []string{"companies_house"}},
			b:    schemas.Executive{Name: "Jane Doe", SourceRef: ptr("ch/officers/abc"), Sources: []string{"companies_house"}},
			want: true,
		},
		{
			name: "an initial at the register is not backed by the name alone",
			a:    schemas.Executive{Name: "DOE, J", Role: "secretary", Sources: []string{"companies_house"}},
			b:    schemas.Executive{Name: "DOE, Jane", Role: "director", Sources: []string{"companies_house"}},
			want: false,
		},
		{
			name: "the same month and year of birth back an initial at the register",
			a:    born(schemas.Executive{Name: "DOE, J", Role: "secretary", Sources: []string{"companies_house"}}, 6, 1975),
			b:    born(schemas.Executive{Name: "DOE, Jane", Role: "director", Sources: []string{"companies_house"}}, 6, 1975),
			want: true,
		},
		{
			name: "a director and an owner of one name and one month of birth are one person",
			a:    born(schemas.Executive{Name: "DOE, Jane", Role: "director", Sources: []string{"companies_house"}}, 6, 1975),
			b:    born(schemas.Executive{Name: "Jane Doe", Role: "person-with-significant-control", Sources: []string{"companies_house"}}, 6, 1975),
			want: true,
		},
		{
			name: "a director and an owner of one name born in different years are two people",
			a:    born(schemas.Executive{Name: "DOE, Jane", Role: "director", Sources: []string{"companies_house"}}, 6, 1975),
			b:    born(schemas.Executive{Name: "Jane Doe", Role: "person-with-significant-control", Sources: []string{"companies_house"}}, 6, 1948),
			want: false,
		},
		{
			name: "a month of birth on one mention only neither joins nor parts them",
			a:    born(schemas.Executive{Name: "DOE, Jane", Role: "director", Sources: []string{"companies_house"}}, 6, 1975),
			b:    schemas.Executive{Name: "Jane Doe", Role: "CEO", Sources: []string{"linkedin"}},
			want: true,
		},
		{
			name: "mentions without sources compare on names alone",
			a:    schemas.Executive{Name: "Jane Doe"},
			b:    schemas.Executive{Name: "Jane Elizabeth Doe", AppointedOn: ptr("2019-03-14")},
			want: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, score := Same(tt.a, tt.b, testSources)
			if got != tt.want || score < 0 || score > 1 {
				t.Errorf("Same = %v %.3f, want %v and a score in 0..1", got, score, tt.want)
			}
		})
	}
}

// born sets a month and year of birth on e.
func born(e schemas.Executive, month, year int32) schemas.Executive {
	e.BirthMonth, e.BirthYear = &month, &year
	return e
}
