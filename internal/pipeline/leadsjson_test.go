package pipeline

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestLeadsAreMirroredAsJSONWithWhatASalesTeamActsOn runs companies_house,
// companies_house_appointments and the aggregator with the
// enriched-leads.json mirror on (its topic created as topics apply
// --leads-json-topic does): every lead version on enriched-leads has a
// twin with the same key on the mirror whose value is the lead's JSON
// view, and the leads carry seniority, other directorships and the score
// explained.
func TestLeadsAreMirroredAsJSONWithWhatASalesTeamActsOn(t *testing.T) {
	t.Parallel() // its own broker and sandbox; mostly waiting (see Makefile, -parallel)
	e := newEnv(t, sandbox.Config{})
	mirror := topics.Names{MirrorLeadsJSON: true}
	applyMirrorTopic(t, e, mirror)
	cfg := e.config("companies_house", "companies_house_appointments", RoleAggregator)
	cfg.Enabled = append(cfg.Enabled, "companies_house_appointments")
	cfg.Names = mirror
	e.start(cfg)
	reqs, _ := requestsFor(6, 0)
	e.request(reqs...)

	avro := e.readCommitted(mirror.Leads(), leadsFor(ids(reqs)))
	want := map[string]bool{} // key + JSON of each lead version
	var leads []*schemas.EnrichedLead
	for _, m := range avro {
		l, err := schemas.DecodeEnrichedLead(m.Value)
		if err != nil {
			continue // a transaction marker
		}
		leads = append(leads, l)
		b, err := json.Marshal(schemas.EnrichedLeadJSON(l))
		if err != nil {
			t.Fatal(err)
		}
		want[string(m.Key)+" "+string(b)] = true
	}
	e.readCommitted(mirror.LeadsJSON(), func(msgs []kafka.Message) bool {
		seen := 0
		for _, m := range msgs {
			if want[string(m.Key)+" "+string(m.Value)] {
				seen++
			}
		}
		return seen >= len(want)
	})
	checkSalesFields(t, leads)
}

func applyMirrorTopic(t *testing.T, e *env, names topics.Names) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	out, err := topics.Apply(context.Background(), cl, topics.Catalogue(topics.Config{Names: names, Tiers: e.tiers}), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(out, func(o topics.Outcome) bool { return o.Topic == names.LeadsJSON() && o.Action == topics.Created }) {
		t.Fatalf("topics apply did not create %s: %+v", names.LeadsJSON(), out)
	}
}

// checkSalesFields: requests with a company number get the appointments
// provider's counts on their current officers; every person the register
// names has a seniority; every lead explains its four components.
func checkSalesFields(t *testing.T, leads []*schemas.EnrichedLead) {
	t.Helper()
	counted := 0
	for _, l := range leads {
		if len(l.ScoreExplanation) != 4 {
			t.Errorf("%s: score explanation %q, want one sentence per component", l.RequestID, l.ScoreExplanation)
		}
		for _, x := range l.Executives {
			if x.Seniority == nil {
				t.Errorf("%s: %s (%s) has no seniority", l.RequestID, x.Name, x.Role)
			}
			if x.OtherDirectorships != nil {
				counted++
			}
		}
	}
	if counted == 0 {
		t.Error("no person of the leads carries a count of other directorships")
	}
}
