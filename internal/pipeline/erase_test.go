package pipeline

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

func (e *env) erase(er erasure.Erasure) erasure.Outcome {
	e.t.Helper()
	out, err := erasure.Apply(context.Background(), kclient.Config{Brokers: e.brokers}.Opts(), names, nil, er)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func TestAnErasedPersonIsTombstonedAndStaysOutOfLaterVersions(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	cfg := e.config(ch, RoleAggregator)
	cfg.CacheTTL = -1
	e.start(cfg)
	reqs, _ := requestsFor(1, 1000)
	e.request(reqs...)
	lead := e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs))))[0]
	victim := lead.Executives[0]

	er, err := erasure.New(erasure.Person, victim.Name, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if out := e.erase(er); !slices.Equal(out.Leads, []string{lead.LeadKey}) {
		t.Fatalf("tombstoned %v, want [%s]", out.Leads, lead.LeadKey)
	}
	tomb := e.readCommitted(names.Leads(), func(m []kafka.Message) bool {
		return slices.ContainsFunc(m, func(x kafka.Message) bool { return x.Value == nil && string(x.Key) == lead.LeadKey && !isMarker(x) })
	})
	if len(tomb) == 0 {
		t.Fatal("no tombstone")
	}

	// A replayed request brings the company back, without the person.
	again := *reqs[0]
	again.RequestID = "after-erasure"
	e.request(&again)
	got := e.leads(e.readCommitted(names.Leads(), leadsFor([]string{again.RequestID})))
	for _, l := range got {
		if l.RequestID != again.RequestID {
			continue // leads from before the erasure are history the tombstone covers
		}
		if slices.ContainsFunc(l.Executives, func(x schemas.Executive) bool { return x.NormalizedName == victim.NormalizedName }) {
			t.Fatalf("lead %s v%d names the erased person %s", l.RequestID, l.Version, victim.Name)
		}
	}
}

func TestAnErasedCompanyGetsNoLead(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.start(e.config(ch, RoleAggregator))
	reqs, _ := requestsFor(2, 1010) // the first by number
	er, err := erasure.New(erasure.Company, *reqs[0].CompanyNumber, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.erase(er)
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor([]string{reqs[1].RequestID}))
	e.readCommitted(names.Results(), atLeast(2))
	e.waitCaughtUp(aggregator.Group(""), names.Results())
	for _, l := range e.leads(e.readCommitted(names.Leads(), atLeast(1))) {
		if l.RequestID == reqs[0].RequestID {
			t.Fatalf("a lead was emitted for erased company %s", *reqs[0].CompanyNumber)
		}
	}
}
