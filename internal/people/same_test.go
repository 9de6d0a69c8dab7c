package people

import (
	"encoding/csv"
	"os"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

// minQuality is the precision and recall Same must keep on the labelled
// pairs in testdata/pairs.csv.
const minQuality = 0.95

// labelledPair is one row of testdata/pairs.csv.
type labelledPair struct {
	a, b schemas.Executive
	same bool
	note string
}

func readPairs(t *testing.T) []labelledPair {
	t.Helper()
	f, err := os.Open("testdata/pairs.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []labelledPair
	for _, row := range rows[1:] {
		out = append(out, labelledPair{
			a:    executive(row[0], row[1], row[2], row[3]),
			b:    executive(row[4], row[5], row[6], row[7]),
			same: row[8] == "true",
			note: row[9],
		})
	}
	return out
}

func executive(name, role, source, appointed string) schemas.Executive {
	e := schemas.Executive{Name: name, Role: role, Sources: []string{source}}
	if appointed != "" {
		e.AppointedOn = &appointed
	}
	return e
}

func TestSameOnLabelledPairs(t *testing.T) {
	pairs := readPairs(t)
	var tp, fp, fn int
	for _, p := range pairs {
		got, score := Same(p.a, p.b)
		switch {
		case got && p.same:
			tp++
		case got && !p.same:
			fp++
			t.Logf("false match (%.3f): %q ~ %q: %s", score, p.a.Name, p.b.Name, p.note)
		case !got && p.same:
			fn++
			t.Logf("missed match (%.3f): %q ~ %q: %s", score, p.a.Name, p.b.Name, p.note)
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("precision=%.2f recall=%.2f pairs=%d", precision, recall, len(pairs))
	if len(pairs) < 150 {
		t.Errorf("the labelled set has %d pairs, want at least 150", len(pairs))
	}
	if precision < minQuality || recall < minQuality {
		t.Errorf("precision %.3f and recall %.3f, want both at least %.2f", precision, recall, minQuality)
	}
}

func TestSameIsSymmetric(t *testing.T) {
	for _, p := range readPairs(t) {
		ab, sab := Same(p.a, p.b)
		ba, sba := Same(p.b, p.a)
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
			got, score := Same(tt.a, tt.b)
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
