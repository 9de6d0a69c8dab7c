package chappointments

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

func client(t *testing.T, f sandbox.Faults) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: providertest.CompaniesHouse(t, f), APIKey: "sandbox-companies-house-key"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOfficersWithOtherActiveAppointmentsAreNotedWithTheCompanies(t *testing.T) {
	c := client(t, sandbox.Faults{})
	noted := 0
	for _, co := range sandbox.Companies()[:40] {
		res, err := c.Lookup(context.Background(), providertest.ByNumber(co.Number))
		if err != nil {
			t.Fatalf("%s: %v", co.Number, err)
		}
		if res.Status != schemas.StatusOK || res.APICalls < 1 {
			t.Fatalf("%s: status %s, %d calls; want OK, calls counted", co.Number, res.Status, res.APICalls)
		}
		for _, n := range res.Notes {
			if !strings.Contains(n, "other active appointment") || strings.Contains(n, "("+co.Number+")") {
				t.Errorf("%s: note %q should name other companies only", co.Number, n)
			}
			noted++
		}
	}
	if noted == 0 {
		t.Error("no officer of 40 sandbox companies holds another active appointment; the sandbox draws up to three each")
	}
}

func TestARequestWithoutACompanyNumberOrAnUnknownOneIsNotFound(t *testing.T) {
	c := client(t, sandbox.Faults{})
	for _, req := range []*schemas.CompanyRequest{{RequestID: "r1", CompanyName: "ANY LTD"}, providertest.ByNumber("99999999")} {
		res, err := c.Lookup(context.Background(), req)
		if err != nil || res.Status != schemas.StatusNotFound {
			t.Errorf("%+v: %v, %v; want NOT_FOUND", req.CompanyNumber, res, err)
		}
	}
}

func TestARefusedKeyIsAnAuthFailure(t *testing.T) {
	c := client(t, sandbox.Faults{Unauthorized: 1})
	_, err := c.Lookup(context.Background(), providertest.ByNumber(sandbox.Companies()[0].Number))
	if failure.ClassOf(err) != failure.Auth {
		t.Fatalf("error %v, want class auth", err)
	}
}

// TestEachCurrentOfficerCarriesTheirCountOfOtherDirectorships checks the
// count the aggregator puts on the person: known for every current
// officer (0 included), found under the officer's appointments link, and
// the same number the note gives (every other appointment the sandbox
// draws is a directorship).
func TestEachCurrentOfficerCarriesTheirCountOfOtherDirectorships(t *testing.T) {
	c := client(t, sandbox.Faults{})
	counted := 0
	for _, co := range sandbox.Companies()[:40] {
		res, err := c.Lookup(context.Background(), providertest.ByNumber(co.Number))
		if err != nil {
			t.Fatalf("%s: %v", co.Number, err)
		}
		for _, e := range res.Executives {
			if e.OtherDirectorships == nil || e.SourceRef == nil || !strings.HasPrefix(*e.SourceRef, "/officers/") {
				t.Fatalf("%s: %s carried as %+v; want a count and the appointments link", co.Number, e.Name, e)
			}
			n := *e.OtherDirectorships
			if n == 0 {
				continue
			}
			counted++
			want := fmt.Sprintf("%s (%s) holds %d other active appointment", e.Name, e.Role, n)
			if !slices.ContainsFunc(res.Notes, func(note string) bool { return strings.HasPrefix(note, want) }) {
				t.Errorf("%s: %s counts %d directorships; no note says %q: %q", co.Number, e.Name, n, want, res.Notes)
			}
		}
	}
	if counted == 0 {
		t.Error("no officer of 40 sandbox companies counts another directorship")
	}
}
