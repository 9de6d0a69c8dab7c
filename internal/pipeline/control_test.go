package pipeline

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// bornAs formats a month and year of birth as "6/1975", or "-".
func bornAs(month, year *int32) string {
	if month == nil || year == nil {
		return "-"
	}
	return fmt.Sprintf("%d/%d", *month, *year)
}

// checkBirthAndControl asserts every person the sandbox's register holds
// for c is on the lead once, with the month and year of birth and the
// natures of control the register publishes.
func checkBirthAndControl(t *testing.T, l *schemas.EnrichedLead, c sandbox.Company) {
	t.Helper()
	want := map[string]string{}
	for _, o := range c.Officers {
		if !strings.HasPrefix(o.Role, "corporate-") {
			want[people.Normalize(o.Name)] = fmt.Sprintf("born=%s control=", bornAt(o.BirthMonth, o.BirthYear))
		}
	}
	for _, p := range c.PSCs {
		if p.Kind == "individual-person-with-significant-control" {
			want[people.Normalize(p.Name)] = fmt.Sprintf("born=%s control=%s", bornAt(p.BirthMonth, p.BirthYear), strings.Join(p.NaturesOfControl, ","))
		}
	}
	got := map[string]string{}
	for _, e := range l.Executives {
		if _, dup := got[e.NormalizedName]; dup {
			t.Errorf("%s: %q is on the lead twice", c.Number, e.NormalizedName)
		}
		got[e.NormalizedName] = fmt.Sprintf("born=%s control=%s", bornAs(e.BirthMonth, e.BirthYear), strings.Join(e.NaturesOfControl, ","))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s has %q, want %q", c.Number, name, got[name], w)
		}
	}
}

func bornAt(month, year int) string {
	if year == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", month, year)
}

// TestMonthOfBirthAndNaturesOfControlReachTheLead runs three register
// companies through the pipeline: the fixture company, whose director is
// also its majority owner; one with two owners of one surname; and an LLP.
func TestMonthOfBirthAndNaturesOfControlReachTheLead(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.start(e.config("companies_house", RoleAggregator))
	var reqs []*schemas.CompanyRequest
	var cos []sandbox.Company
	for _, number := range []string{"12345678", "10000001", "OC400123"} {
		c, ok := sandbox.CompanyByNumber(number)
		if !ok {
			t.Fatalf("sandbox has no company %s", number)
		}
		reqs = append(reqs, &schemas.CompanyRequest{RequestID: "req-control-" + number, CompanyName: c.Name,
			CompanyNumber: &c.Number, RequestedAt: time.Now().UTC().Truncate(time.Millisecond)})
		cos = append(cos, c)
	}
	e.request(reqs...)

	got := byRequest(e.leads(e.read(names.Leads(), leadsFor(ids(reqs)))))
	for i, r := range reqs {
		versions := got[r.RequestID]
		if len(versions) == 0 {
			t.Fatalf("%s: no lead", r.RequestID)
		}
		checkBirthAndControl(t, versions[len(versions)-1], cos[i])
	}

	var table bytes.Buffer
	if err := leadview.NewTable(&table).Write(leadview.Event{Key: "12345678", Lead: got["req-control-12345678"][0]}); err != nil {
		t.Fatal(err)
	}
	want := "Jane Elizabeth Doe (director; owns 50–75 % of shares, holds 50–75 % of votes, appoints and removes directors)"
	if !strings.Contains(table.String(), want) {
		t.Errorf("lead table:\n%s\nwant %q", table.String(), want)
	}
	smiths := slices.DeleteFunc(slices.Clone(got["req-control-10000001"][0].Executives), func(x schemas.Executive) bool {
		return !strings.HasSuffix(x.NormalizedName, " smith")
	})
	if len(smiths) != 2 {
		t.Errorf("Smiths on the lead: %+v, want John Robert and Joan", smiths)
	}
}
