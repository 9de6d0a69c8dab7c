package registermatch

import (
	"math"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

func TestBestPrefersTheNumberThenTheActiveNamesake(t *testing.T) {
	hits := []Hit{
		{Number: "00000001", Name: "ACME WIDGETS LIMITED"},
		{Number: "00000002", Name: "ACME WIDGETS LIMITED", Active: true},
		{Number: "12345678", Name: "SOMETHING ELSE LTD"},
	}
	if m, ok := Best(hits, "Acme Widgets Ltd", 0.85); !ok || m.Number != "00000002" || m.Score != 1 {
		t.Fatalf("by name: %+v, %v; want the active namesake", m, ok)
	}
	if m, ok := Best(hits, "12345678", 0.85); !ok || m.Number != "12345678" {
		t.Fatalf("by number: %+v, %v; want the numbered hit", m, ok)
	}
}

func TestPeopleWhoLeftComeLastAndCountHalf(t *testing.T) {
	ps := []Person{{Exec: schemas.Executive{Name: "Gone"}, Former: true}, {Exec: schemas.Executive{Name: "Here"}}}
	SortCurrentFirst(ps)
	if ps[0].Exec.Name != "Here" {
		t.Fatalf("order = %+v, want the person in post first", ps)
	}
	ex := Executives(0.8, ps)
	if ex[0].Confidence != 0.8 || ex[1].Confidence != 0.4 || math.Abs(Confidence(0.8, ps)-0.6) > 1e-9 || Confidence(0.8, nil) != 0.4 {
		t.Fatalf("executives %+v, result %g", ex, Confidence(0.8, ps))
	}
}
