package erasure

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

func person(t *testing.T, name, company string) Erasure {
	t.Helper()
	e, err := NewPerson(name, company, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name    string
		erased  string
		scope   string
		leadKey string
		on      string
		want    Verdict
	}{
		{"the natural form erases the register form with a middle name", "Jane Doe", "", "01234567", "DOE, Jane Elizabeth", Erased},
		{"the natural form erases the fuller natural form", "Jane Doe", "", "01234567", "Jane Elizabeth Doe", Erased},
		{"the register form erases the shorter natural form", "DOE, Jane Elizabeth", "", "01234567", "Jane Doe", Erased},
		{"titles and case do not matter", "dr JANE doe", "", "01234567", "Mrs Jane Doe", Erased},
		{"an initial is only a near match: the dedupe needs more evidence", "Jane Doe", "", "01234567", "J Doe", Near},
		{"a similar surname is a near match, not the person", "Jane Doe", "", "01234567", "Jane Dow", Near},
		{"a different middle name is another person", "Jane Elizabeth Doe", "", "01234567", "Jane Mary Doe", Near},
		{"erasing the son leaves the father", "John Smith Jr", "", "01234567", "John Smith Sr", Near},
		{"another name is unrelated", "Jane Doe", "", "01234567", "John Smith", Unrelated},
		{"a scoped erasure erases at its company", "Jane Doe", "01234567", "01234567", "DOE, Jane", Erased},
		{"a scoped erasure keeps the name at another company", "Jane Doe", "01234567", "07654321", "DOE, Jane", OtherCompany},
		{"a scope in lower case matches the lead key", "Jane Doe", "sc123456", "SC123456", "Jane Doe", Erased},
		{"a scope may be a name-based lead key", "Jane Doe", "name:acme-widgets", "name:acme-widgets", "Jane Doe", Erased},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, score := person(t, tt.erased, tt.scope).Judge(tt.leadKey, schemas.Executive{Name: tt.on, Role: "director", Sources: []string{"companies_house"}})
			if got != tt.want {
				t.Errorf("Judge = %v (%.3f), want %v", got, score, tt.want)
			}
		})
	}
}

func TestACompanyErasureJudgesNoPerson(t *testing.T) {
	e, err := NewCompany("01234567", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := e.Judge("01234567", schemas.Executive{Name: "Jane Doe"}); v != Unrelated {
		t.Errorf("Judge = %v, want unrelated", v)
	}
}

// Regression: keys that two different erasures shared would let the later
// replace the earlier on the compacted topic, undoing it.
func TestDifferentErasuresHaveDifferentKeysAndOneErasureOneKey(t *testing.T) {
	keys := map[string]string{}
	for _, e := range []Erasure{
		person(t, "Jane Doe", ""), person(t, "Jane Doe", "01234567"), person(t, "Jane Doe", "07654321"),
		person(t, "John Smith Jr", ""), person(t, "John Smith Sr", ""), person(t, "John Smith", ""),
	} {
		if prev, ok := keys[e.key()]; ok {
			t.Errorf("%s and %s share the key %q", prev, e, e.key())
		}
		keys[e.key()] = e.String()
	}
	if a, b := person(t, "DOE, Jane", "01234567"), person(t, "jane doe", " 01234567 "); a.key() != b.key() {
		t.Errorf("one erasure written two ways has keys %q and %q", a.key(), b.key())
	}
}

func TestABlankErasureIsRefused(t *testing.T) {
	if _, err := NewPerson(" (-) ", "", time.Now()); err == nil {
		t.Error("a person with no name was accepted")
	}
	if _, err := NewCompany(" ", time.Now()); err == nil {
		t.Error("a company with no number was accepted")
	}
}

func TestARecordThatCannotBeReadFallsBackToItsKey(t *testing.T) {
	want := person(t, "John Smith Jr", "01234567")
	got, ok := decode([]byte(want.key()), []byte("not json"))
	if !ok || got.Value != want.Value || got.Generation != want.Generation || got.Company != want.Company {
		t.Errorf("decode = %+v %v, want %+v", got, ok, want)
	}
	if _, ok := decode([]byte("nonsense"), []byte("not json")); ok {
		t.Error("a record naming no erasure was read as one")
	}
}

func TestASetErasesEveryFormOfANameAndTellsOfEachNewErasureOnce(t *testing.T) {
	s := NewSet()
	var told []string
	s.OnNew(func(e Erasure) { told = append(told, e.Value) })
	company, err := NewCompany("sc000001", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Erasure{person(t, "Jane Doe", ""), person(t, "Jane Doe", ""), person(t, "Ann Brown", "01234567"), company} {
		val, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		s.record(&kgo.Record{Key: []byte(e.key()), Value: val})
	}
	if len(told) != 3 {
		t.Errorf("told of %q, want each new erasure once", told)
	}
	for _, tt := range []struct {
		leadKey, name string
		want          bool
	}{
		{"07654321", "DOE, Jane Elizabeth", true},
		{"07654321", "J Doe", false},
		{"01234567", "Ann Mary Brown", true},
		{"07654321", "Ann Mary Brown", false},
		{"07654321", "Alhassan Amir", false},
	} {
		if got := s.Erases(tt.leadKey, schemas.Executive{Name: tt.name}); got != tt.want {
			t.Errorf("Erases(%s, %q) = %v, want %v", tt.leadKey, tt.name, got, tt.want)
		}
	}
	if !s.Company("SC000001") {
		t.Error("the erased company is not in the set")
	}
}

// TestTheAggregatorImportsOnlyTheRuntimeSet pins the split of the erase
// command's preview, apply and table rendering out of this package: the
// aggregator's import graph holds neither them nor the lead renderer.
func TestTheAggregatorImportsOnlyTheRuntimeSet(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/leadgen/leadgen/processors/aggregator").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/leadgen/leadgen/internal/erasure") {
		t.Fatal("the aggregator no longer imports the erasure set; update this test")
	}
	for _, banned := range []string{"github.com/leadgen/leadgen/internal/erasure/apply", "github.com/leadgen/leadgen/internal/leadview"} {
		if slices.Contains(deps, banned) {
			t.Errorf("the aggregator imports %s", banned)
		}
	}
}
