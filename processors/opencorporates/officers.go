package opencorporates

import (
	"strings"
	"unicode"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/schemas"
)

// person is an executive with whether they have left the post.
type person = registermatch.Person

// persons maps officers to executives: names are trimmed (they may start
// with spaces or new lines), companies acting as officers are skipped,
// and current people come before former ones, each group in the API's
// order.
func persons(officers []officerItem) []person {
	var out []person
	for _, it := range officers {
		o := it.Officer
		name := strings.TrimSpace(o.Name)
		if name == "" || isCompanyName(name) {
			continue
		}
		display := people.DisplayName(name)
		out = append(out, person{Former: !isCurrent(o), Exec: schemas.Executive{
			Name: display, NormalizedName: people.Normalize(display), Role: strings.TrimSpace(o.Position),
			AppointedOn: optional(o.StartDate), ResignedOn: optional(o.EndDate),
			SourceRef: optional(o.OpencorporatesURL), Sources: []string{SourceName},
		}})
	}
	registermatch.SortCurrentFirst(out)
	return out
}

// isCurrent trusts only the two plain signals: an officer is current with
// no end date and not marked inactive. current_status is not read, as it
// contradicts inactive in the wild, and a null inactive is not taken to
// mean anything.
func isCurrent(o officer) bool {
	return o.EndDate == "" && (o.Inactive == nil || !*o.Inactive)
}

// legalForms end the names of companies; OpenCorporates lists corporate
// officers among people, with nothing else to tell them apart.
var legalForms = map[string]bool{"limited": true, "ltd": true, "plc": true, "llp": true, "llc": true,
	"inc": true, "cic": true, "lp": true, "partnership": true, "corporation": true, "gmbh": true}

func isCompanyName(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	return len(words) > 0 && legalForms[words[len(words)-1]]
}
