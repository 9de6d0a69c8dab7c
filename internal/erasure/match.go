package erasure

import (
	"strings"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/schemas"
)

// Verdict is how a person erasure relates to one person on a lead.
type Verdict int

// The verdicts, weakest first.
const (
	// Unrelated: another person's name.
	Unrelated Verdict = iota
	// Near: a name close to the erased one that the dedupe tells apart
	// ("J Doe", "Jane Dow" for "Jane Doe"); kept, and listed by a dry run
	// for someone to check.
	Near
	// OtherCompany: the erased name on the lead of a company the erasure
	// is not scoped to; kept.
	OtherCompany
	// Erased: the erasure removes this person from the lead.
	Erased
)

// String names the verdict as a dry run shows it.
func (v Verdict) String() string {
	switch v {
	case Erased:
		return "erased"
	case OtherCompany:
		return "kept: another company"
	case Near:
		return "kept: near match, not the same person"
	}
	return "unrelated"
}

// NearScore is the lowest name similarity (people.Same's score) at which a
// name the dedupe tells apart still counts as a near match: "J Doe" (0.93)
// and "Jane Dow" (0.92) do for "Jane Doe", "John Doe" (0.85) does not.
const NearScore = 0.9

// Judge relates a person erasure to person x on the lead keyed leadKey,
// and gives the names' similarity. It is the one matching rule: the
// aggregator leaves out of a lead exactly the people it judges Erased, and
// a dry run lists what it judges.
//
// The erased name matches a person when people.Same, the dedupe's rule,
// would merge the two mentions on their names alone: every form of the
// name that would have merged with it ("Jane Doe" erases "Jane Elizabeth
// Doe" and "DOE, Jane Elizabeth"), but not an initial ("J Doe") or a
// spelling variant of the surname, which the dedupe joins only on further
// evidence, nor a different middle name or generation (Jr, Sr).
func (e Erasure) Judge(leadKey string, x schemas.Executive) (Verdict, float64) {
	if e.Kind != Person {
		return Unrelated, 0
	}
	same, score := people.Same(e.person(), x, nil)
	switch {
	case !same && score >= NearScore:
		return Near, score
	case !same:
		return Unrelated, score
	case e.Company != "" && e.Company != leadKey:
		return OtherCompany, score
	}
	return Erased, score
}

// person is the erased name as a mention with nothing but the name, so
// only the name decides.
func (e Erasure) person() schemas.Executive {
	return schemas.Executive{Name: strings.TrimSpace(e.Value + " " + e.Generation), NormalizedName: e.Value}
}

// ErasesFrom says whether a person erasure removes someone from a
// provider's result, keyed as its lead would be by the company number the
// result gives.
func (e Erasure) ErasesFrom(r *schemas.DiscoveryResult) bool {
	key := ""
	if r.CompanyNumber != nil {
		key = strings.ToUpper(strings.TrimSpace(*r.CompanyNumber))
	}
	if r.Company != nil && r.Company.Number != nil {
		key = strings.ToUpper(strings.TrimSpace(*r.Company.Number))
	}
	for _, x := range r.Executives {
		if v, _ := e.Judge(key, x); v == Erased {
			return true
		}
	}
	return false
}
