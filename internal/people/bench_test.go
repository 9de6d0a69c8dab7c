package people

import (
	"fmt"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

var (
	benchForenames = []string{"Alexander", "Katherine", "Mohammed", "Oluwafemi", "Dafydd", "Katarzyna",
		"Robert", "Priya", "Christian", "Francesca", "Siobhan", "Rajesh", "Elizabeth", "William", "Chidi",
		"Hamish", "Sergei", "Benjamin", "Xiaoming", "Eva", "Jonathan", "Margaret", "Vikram", "Anne", "Thomas"}
	benchSurnames = []string{"Taylor", "Okafor", "Müller", "Nowak", "Evans", "Patel", "Smith", "Chandra",
		"O'Brien", "Wang", "Adeyemi", "Lyons", "Nash", "Ewing", "Rossi", "Khan", "Carter", "Ivanov",
		"Jones", "Bonham-Carter"}
)

// benchResults are 200 mentions of 50 people across four sources, in
// the forms each writes: the register's "SURNAME, Forenames" with a
// month of birth, a website's display name with post-nominals, an X
// profile with a job title, a LinkedIn name with a short form.
func benchResults() []*schemas.DiscoveryResult {
	sources := []string{"companies_house", "website", "x", "linkedin"}
	results := make([]*schemas.DiscoveryResult, len(sources))
	for i, s := range sources {
		results[i] = &schemas.DiscoveryResult{Provider: s, Status: schemas.StatusOK, Confidence: 1}
	}
	for p := range 50 {
		fore := benchForenames[p%len(benchForenames)]
		sur := benchSurnames[(p*7)%len(benchSurnames)]
		y, m := int32(1950+p), int32(1+p%12)
		ch := schemas.Executive{Name: fmt.Sprintf("%s, %s", upper(sur), fore), Role: "director",
			AppointedOn: optional(fmt.Sprintf("2015-%02d-01", 1+p%12)), BirthYear: &y, BirthMonth: &m}
		results[0].Executives = append(results[0].Executives, ch)
		results[1].Executives = append(results[1].Executives, schemas.Executive{Name: fore + " " + sur + " OBE", Role: "Director"})
		results[2].Executives = append(results[2].Executives, schemas.Executive{Name: fore + " " + sur + " | Founder & CEO"})
		results[3].Executives = append(results[3].Executives, schemas.Executive{Name: fore[:1] + ". " + sur, Role: "Managing Director"})
	}
	return results
}

func upper(s string) string {
	b := []rune(s)
	for i, r := range b {
		if r >= 'a' && r <= 'z' {
			b[i] = r - 'a' + 'A'
		}
	}
	return string(b)
}

// BenchmarkMerge200Mentions merges one company's 200 mentions; the
// target is under 5 ms an operation.
func BenchmarkMerge200Mentions(b *testing.B) {
	results := benchResults()
	if n := len(Merge(results, testSources)); n == 0 {
		b.Fatal("no people")
	}
	b.ReportAllocs()
	for b.Loop() {
		Merge(results, testSources)
	}
}
