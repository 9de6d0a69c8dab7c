package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

// chEvent writes a Companies House event as the watch role does: to
// companies-house-events and, when it can change a lead, to the
// aggregator's lead stage (aggregator.RefreshRecord).
func (e *env) chEvent(number, stream, kind, uri, data string, timepoint int64) {
	e.t.Helper()
	ev := &schemas.CompaniesHouseEvent{CompanyNumber: number, Stream: stream,
		ResourceKind: kind, ResourceURI: uri, ResourceID: fmt.Sprint(timepoint), EventType: "changed", Timepoint: timepoint,
		PublishedAt: "2026-12-01T09:00:00", Data: data, ReceivedAt: time.Now().UTC()}
	v, err := schemas.EncodeCompaniesHouseEvent(ev)
	if err != nil {
		e.t.Fatal(err)
	}
	e.produce(names.CompaniesHouseEvents(), kafka.Message{Key: []byte(number), Value: v})
	if r, ok := aggregator.RefreshRecord(names, ev, v); ok {
		e.produce(r.Topic, kafka.Message{Key: r.Key, Value: r.Value})
	}
}

// changesOf waits for the lead-changes records of key until done says
// they are enough.
func (e *env) changesOf(key string, done func([]*schemas.LeadChange) bool) []*schemas.LeadChange {
	e.t.Helper()
	var out []*schemas.LeadChange
	e.readCommitted(names.LeadChanges(), func(msgs []kafka.Message) bool {
		out = out[:0]
		for _, m := range msgs {
			if string(m.Key) != key {
				continue
			}
			c, err := schemas.DecodeLeadChange(m.Value)
			if err != nil {
				e.t.Fatalf("lead change: %v", err)
			}
			out = append(out, c)
		}
		return done(out)
	})
	return out
}

// TestAStreamEventForALeadsCompanyMakesANewVersionAndSaysWhatChanged
// writes Companies House events as the watch role does: an officer's appointment, then the company's status, each make
// the lead's next version, with no call to the API, and a lead-changes
// record in words; an event of a company with no lead makes nothing.
func TestAStreamEventForALeadsCompanyMakesANewVersionAndSaysWhatChanged(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.start(e.config("companies_house", RoleAggregator))
	reqs, cos := requestsFor(1, 0)
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor(ids(reqs)))
	number := cos[0].Number
	calls := len(e.sandbox.CallTimes("companies_house"))

	unwatched := "SC999999"
	e.chEvent(unwatched, "officers", "company-officers", "/company/"+unwatched+"/appointments/a0",
		`{"name":"REID, Callum","officer_role":"director","appointed_on":"2026-12-01"}`, 40)
	e.chEvent(number, "officers", "company-officers", "/company/"+number+"/appointments/a1",
		`{"name":"KHAN, Amir","officer_role":"director","appointed_on":"2026-12-01"}`, 41)
	changes := e.changesOf(number, func(cs []*schemas.LeadChange) bool { return len(cs) >= 1 })
	c := changes[0]
	if c.Version != 2 || c.PreviousVersion != 1 || c.Cause == nil || *c.Cause != "officers event 41" || len(c.Changes) != 1 ||
		c.Changes[0].Kind != schemas.ChangeAppointed || c.Changes[0].Text != "Amir Khan appointed director on 2026-12-01" {
		t.Fatalf("lead change %+v, changes %+v; want v2 from v1 by officers event 41: Amir Khan appointed director on 2026-12-01", c, c.Changes)
	}

	e.chEvent(number, "companies", "company-profile", "/company/"+number,
		fmt.Sprintf(`{"company_number":%q,"company_status":"liquidation"}`, number), 42)
	changes = e.changesOf(number, func(cs []*schemas.LeadChange) bool { return len(cs) >= 2 })
	if s := changes[1].Changes; len(s) != 1 || s[0].Text != "company status: "+cos[0].Status+" → liquidation" {
		t.Errorf("status change %+v", s)
	}
	var last *schemas.EnrichedLead
	for _, l := range e.leads(e.readCommitted(names.Leads(), func(msgs []kafka.Message) bool {
		return slices.ContainsFunc(e.leads(msgs), func(l *schemas.EnrichedLead) bool { return l.LeadKey == number && l.Version == 3 })
	})) {
		if l.LeadKey == unwatched {
			t.Errorf("a lead for %s, whose company had no lead: %+v", unwatched, l)
		}
		if l.LeadKey == number {
			last = l
		}
	}
	if last.CompanyStatus == nil || *last.CompanyStatus != "liquidation" ||
		!slices.ContainsFunc(last.Executives, func(x schemas.Executive) bool { return x.Name == "Amir Khan" && strings.Contains(x.Role, "director") }) {
		t.Errorf("lead v%d: status %v, executives %+v; want liquidation and Amir Khan", last.Version, last.CompanyStatus, last.Executives)
	}
	if now := len(e.sandbox.CallTimes("companies_house")); now != calls {
		t.Errorf("the refresh called Companies House %d times; the event carries the resource", now-calls)
	}
	if others := e.changesOf(unwatched, func([]*schemas.LeadChange) bool { return true }); len(others) != 0 {
		t.Errorf("lead changes for %s, whose company had no lead: %+v", unwatched, others)
	}
}

// TestTheEventsOfALeadInOneBatchMakeOneVersionThatNamesThemAll writes two
// appointments of a lead's company, the lead's own results again and a
// third appointment while the aggregator is stopped, so it reads all four
// in its first batch: the two appointments make one version, whose change
// names both people and both events, before the results are merged (which
// change nothing then); the third makes the next version alone, and a
// later event the one after.
func TestTheEventsOfALeadInOneBatchMakeOneVersionThatNamesThemAll(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	stop := e.start(e.config("companies_house", RoleAggregator))
	reqs, cos := requestsFor(1, 0)
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor(ids(reqs)))
	stop()
	var results []kafka.Message
	e.readCommitted(names.LeadResults(), func(msgs []kafka.Message) bool { results = msgs; return len(msgs) > 0 })

	number := cos[0].Number
	appoint := func(name string, timepoint int64) {
		e.chEvent(number, "officers", "company-officers", fmt.Sprintf("/company/%s/appointments/a%d", number, timepoint),
			fmt.Sprintf(`{"name":%q,"officer_role":"director","appointed_on":"2026-12-01"}`, name), timepoint)
	}
	appoint("KHAN, Amir", 41)
	appoint("OKAFOR, Ngozi", 42)
	last := results[len(results)-1]
	e.produce(names.LeadResults(), kafka.Message{Key: last.Key, Value: last.Value})
	appoint("WALSH, Siobhan", 43)
	cfg := e.config("companies_house", RoleAggregator)
	cfg.Roles = []string{RoleAggregator}
	e.start(cfg)
	got := e.changesOf(number, func(cs []*schemas.LeadChange) bool { return len(cs) >= 2 })
	first := got[0]
	var texts []string
	for _, c := range first.Changes {
		texts = append(texts, c.Text)
	}
	slices.Sort(texts)
	want := []string{"Amir Khan appointed director on 2026-12-01", "Ngozi Okafor appointed director on 2026-12-01"}
	if first.Version != 2 || first.PreviousVersion != 1 || first.Cause == nil || *first.Cause != "officers event 41, officers event 42" ||
		!slices.Equal(texts, want) {
		t.Fatalf("first change v%d from v%d by %q: %q; want v2 from v1 by officers event 41, officers event 42: %q",
			first.Version, first.PreviousVersion, causes(first), texts, want)
	}
	if len(got) != 2 || got[1].Version != 3 || !slices.Equal(causes(got[1]), []string{"officers event 43"}) {
		t.Fatalf("changes after the results merged again: %d, the second v%d by %q; want v3 by officers event 43 alone",
			len(got), got[1].Version, causes(got[1]))
	}

	appoint("REID, Callum", 44)
	all := e.changesOf(number, func(cs []*schemas.LeadChange) bool { return len(cs) >= 3 })
	if len(all) != 3 || all[2].Version != 4 || !slices.Equal(causes(all[2]), []string{"officers event 44"}) {
		t.Fatalf("changes after a fourth event: %d, the third v%d by %q; want v4 by officers event 44 alone", len(all), all[2].Version, causes(all[2]))
	}
}
