package aggregator

import (
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/schemas"
)

func officer(name string) schemas.Executive {
	return schemas.Executive{Name: name, Role: "director", Sources: []string{"companies_house"}}
}

// erasedSet holds a person erasure of name, scoped to company unless "".
func erasedSet(t *testing.T, name, company string) *erasure.Set {
	t.Helper()
	e, err := erasure.NewPerson(name, company, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s := erasure.NewSet()
	s.Add(e)
	return s
}

func TestALeadLeavesOutEveryFormOfAnErasedNameAndOnlyAtItsCompany(t *testing.T) {
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.Company = &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED", Number: str("01234567")}
	ch.Executives = []schemas.Executive{officer("DOE, Jane Elizabeth"), officer("DOW, Jane"), officer("SMITH, John")}
	x := result("x", schemas.StatusOK, schemas.LayerPrimary)
	e := entryOf(ch, x)
	for _, tt := range []struct {
		name, erased, company string
		want                  []string
	}{
		{"a shorter form erases the register form", "Jane Doe", "", []string{"Jane Dow", "John Smith"}},
		{"an erasure scoped to the company erases there", "Jane Doe", "01234567", []string{"Jane Dow", "John Smith"}},
		{"an erasure scoped to another company keeps her", "Jane Doe", "07654321", []string{"Jane Dow", "Jane Elizabeth Doe", "John Smith"}},
		{"a near match is kept", "J Doe", "", []string{"Jane Dow", "Jane Elizabeth Doe", "John Smith"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, x := range buildLead("r1", e, erasedSet(t, tt.erased, tt.company)).Executives {
				got = append(got, x.Name)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("people %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOnlyLeadsNamingAnErasedPersonAreRewritten(t *testing.T) {
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.Executives = []schemas.Executive{officer("DOE, Jane Elizabeth")}
	a := &Aggregator{erased: erasedSet(t, "Jane Doe", "")}
	named, unnamed, unemitted := leadStateOf(ch), leadStateOf(result("companies_house", schemas.StatusOK, schemas.LayerPrimary)), leadStateOf(ch)
	named.Hash, unnamed.Hash = "h", "h"
	for _, tt := range []struct {
		name string
		s    *leadState
		want bool
	}{
		{"a lead naming her", named, true},
		{"a lead not naming her", unnamed, false},
		{"a lead not written, or tombstoned", unemitted, false},
	} {
		if got := a.namesErased("01234567", tt.s); got != tt.want {
			t.Errorf("%s: namesErased = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// leadStateOf is the state of a lead built from results.
func leadStateOf(results ...*schemas.DiscoveryResult) *leadState {
	s := newLeadState(0)
	for _, r := range results {
		s.decoded[r.Provider] = r
		s.Used = append(s.Used, r.Provider)
	}
	return s
}

func TestASweepMarkedDuringAPollEndsItAndOneMarkedBeforeEndsTheNext(t *testing.T) {
	var s sweep
	woken := false
	s.arm(func() { woken = true })
	s.mark(3)
	s.disarm()
	if !woken {
		t.Error("marking a partition did not end the poll in progress")
	}
	woken = false
	s.arm(func() { woken = true })
	if !woken {
		t.Error("a poll started with work due was not ended at once")
	}
	s.disarm()
	if got := s.take(); !got[3] || len(got) != 1 {
		t.Errorf("take = %v, want partition 3", got)
	}
	if got := s.take(); len(got) != 0 {
		t.Errorf("take after take = %v, want nothing", got)
	}
}
