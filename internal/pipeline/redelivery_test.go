package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Regression (crash suite, reemitted > 0): a provider worker delivers at
// least once, so after its crash it looks a request up again and writes
// the same answer with a new fetched_at and latency (and, when the cache
// holds another request's copy, from the cache at no cost). When another
// request for the company had made the lead's version in between, the
// request stage sent the first request's results again (its bytes had
// changed) and the lead stage, whose lead now answered the other request,
// wrote a version with the content of the first request's lead before.
func TestAResultReDeliveredAfterAnotherRequestsVersionMakesNoNewVersion(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	e.start(e.config(RoleAggregator))
	number := "01234567"
	result := func(id string, cost float64, fromCache bool, fetched time.Time) *schemas.DiscoveryResult {
		return &schemas.DiscoveryResult{RequestID: id, Provider: ch, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
			CompanyName: "REDELIVERY LIMITED", CompanyNumber: &number, ExpectedProviders: []string{ch}, Confidence: 0.9,
			Company:    &schemas.CompanyProfile{Name: "REDELIVERY LIMITED", Number: &number},
			Executives: []schemas.Executive{{Name: "Jane Doe", NormalizedName: "jane doe", Role: "director", Sources: []string{ch}}},
			CostUSD:    cost, APICalls: int32(map[bool]int{false: 1}[fromCache]), FromCache: fromCache, FetchedAt: fetched, LatencyMs: 50,
			RequestedAt: fetched.Add(-time.Second).Truncate(time.Millisecond)}
	}
	msg := func(r *schemas.DiscoveryResult) kafka.Message {
		v, err := schemas.EncodeDiscoveryResult(r)
		if err != nil {
			t.Fatal(err)
		}
		return kafka.Message{Key: []byte(r.RequestID), Value: v}
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	first := result("ra", 0.01, false, now)
	e.produce(names.Results(), msg(first))
	e.readCommitted(names.Leads(), leadsFor([]string{"ra"}))
	// A second request for the company, answered from the cache.
	e.produce(names.Results(), msg(result("rb", 0, true, now.Add(time.Second))))
	e.readCommitted(names.Leads(), leadsFor([]string{"rb"}))
	// The first request's answer again, as its worker writes it after a
	// crash: the same answer, the cost it paid, a new time and latency.
	again := *first
	again.FetchedAt, again.LatencyMs = now.Add(2*time.Second), 3
	// And once more, answered from the cache, which now holds rb's copy.
	cached := *first
	cached.FetchedAt, cached.LatencyMs, cached.FromCache, cached.APICalls, cached.CostUSD = now.Add(3*time.Second), 1, true, 0, 0
	e.produce(names.Results(), msg(&again), msg(&cached))
	e.waitCaughtUp(aggregator.Group(""), names.Results())

	// The request stage has committed what it made of the re-delivery:
	// read what it sent the lead stage, to the stable end.
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reader := stableread.Reader{Client: cl}
	spans, err := reader.All(ctx, names.LeadResults())
	if err != nil {
		t.Fatal(err)
	}
	var sent []string
	if _, err := reader.Read(ctx, names.LeadResults(), spans, func(r *kgo.Record) error {
		if string(r.Key) != number {
			return nil
		}
		id, err := aggregator.LeadResultsRequest(r.Value)
		sent = append(sent, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(sent) == 2 {
		return // ra's results went to the lead stage once: no other version can come
	}
	// The lead stage gets ra's results again, after rb's.
	got := byRequest(e.leads(e.readCommitted(names.Leads(), func(msgs []kafka.Message) bool {
		return len(byRequest(e.leads(msgs))["ra"]) >= 2
	})))
	for _, l := range got["ra"] {
		t.Logf("ra: v%d cost_usd %g", l.Version, l.CostUSD)
	}
	t.Fatalf("the request stage sent %v to the lead stage, want [ra rb]: the re-delivered answer of ra made version %d, "+
		"with the content of ra's version %d", sent, got["ra"][1].Version, got["ra"][0].Version)
}
