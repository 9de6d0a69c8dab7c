package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	"github.com/prometheus/client_golang/prometheus/testutil"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// resultFor is a companies_house result for request id with n people whose
// names are nameLen letters long.
func resultFor(t *testing.T, id, company string, n, nameLen int) kafka.Message {
	t.Helper()
	number := "0" + fmt.Sprint(10000000 + len(id)*7 + n)[1:]
	res := &schemas.DiscoveryResult{RequestID: id, Provider: ch, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		CompanyName: company, CompanyNumber: &number, ExpectedProviders: []string{ch}, Confidence: 0.9,
		FetchedAt: time.Now().UTC(), RequestedAt: time.Now().UTC().Truncate(time.Millisecond)}
	for i := range n {
		name := fmt.Sprintf("PERSON%d %s", i, strings.Repeat("X", nameLen))
		res.Executives = append(res.Executives, schemas.Executive{Name: name, NormalizedName: strings.ToLower(name),
			Role: "director", Sources: []string{ch}})
	}
	v, err := schemas.EncodeDiscoveryResult(res)
	if err != nil {
		t.Fatal(err)
	}
	return kafka.Message{Key: []byte(id), Value: v}
}

// Regression: a request whose aggregator state grew past the broker's
// record limit failed its transaction for good; the batch was aborted and
// retried forever, and no lead after it was ever emitted.
func TestAResultWhoseStateTheBrokerWouldRefuseIsDeadLetteredAndLaterLeadsFlow(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	e.start(e.config(RoleAggregator))
	// About 800 KB of names (each person's display and normalised name):
	// the result fits a record, its state (the result base64-encoded in
	// JSON, about 1.07 MB) does not.
	e.produce(names.Results(), resultFor(t, "huge", "HUGE LIMITED", 8, 50_000))
	good := []string{"good-1", "good-2", "good-3"}
	for _, id := range good {
		e.produce(names.Results(), resultFor(t, id, "GOOD "+id+" LIMITED", 2, 5))
	}
	e.readCommitted(names.Leads(), leadsFor(good))
	dlq := e.readCommitted(names.DLQ(), keyed("huge"))
	h := headers(dlq[0])
	if h[route.HeaderErrorClass] != "too_large" || h[aggregator.HeaderSize] == "" || h[aggregator.HeaderLimit] == "" {
		t.Fatalf("dead letter headers %v, want class too_large with the size and the limit", h)
	}
	if h[route.HeaderOriginalTopic] != names.Results() {
		t.Fatalf("dead letter from %s, want the result's topic %s", h[route.HeaderOriginalTopic], names.Results())
	}
}

// A limit lowered under a running aggregator is met at the broker: the
// write fails for good, the batch aborts, and on the re-read the result at
// fault alone is dead-lettered while the rest of the batch commits.
func TestAWriteTheBrokerRefusesForGoodIsIsolatedToItsResult(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	e.start(e.config(RoleAggregator))
	e.produce(names.Results(), resultFor(t, "warm-up", "WARM UP LIMITED", 1, 5))
	e.readCommitted(names.Leads(), leadsFor([]string{"warm-up"}))
	e.setTopicConfig(names.Leads(), "max.message.bytes", "4000")
	e.produce(names.Results(), resultFor(t, "wide", "WIDE LIMITED", 40, 200), resultFor(t, "narrow", "NARROW LIMITED", 2, 5))
	e.readCommitted(names.Leads(), leadsFor([]string{"narrow"}))
	// The lead is written by the aggregator's lead stage: the record at
	// fault is the request's results on their way to it, keyed by lead_key.
	wide := func(m kafka.Message) bool {
		id, err := aggregator.LeadResultsRequest(m.Value)
		return err == nil && id == "wide"
	}
	dlq := e.readCommitted(names.DLQ(), func(msgs []kafka.Message) bool { return slices.ContainsFunc(msgs, wide) })
	i := slices.IndexFunc(dlq, wide)
	if h := headers(dlq[i]); h[route.HeaderErrorClass] != "too_large" || h[route.HeaderOriginalTopic] != names.LeadResults() {
		t.Fatalf("dead letter headers %v, want class too_large from %s", h, names.LeadResults())
	}
}

func TestTwoCompaniesUnderOneRequestIDAreNeverMerged(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	e.start(e.config(RoleAggregator))
	first := resultFor(t, "dup-1", "ACME WIDGETS LIMITED", 2, 5)
	again := resultFor(t, "dup-1", "ACME WIDGETS LIMITED", 2, 5)
	other := resultFor(t, "dup-1", "ZOETROPE LIMITED", 3, 8)
	e.produce(names.Results(), first, again, other)
	dlq := e.readCommitted(names.DLQ(), keyed("dup-1"))
	if h := headers(dlq[0]); h[route.HeaderErrorClass] != "conflict" || !strings.Contains(h[route.HeaderErrorMessage], "ZOETROPE") {
		t.Fatalf("dead letter headers %v, want class conflict naming the other company", h)
	}
	leads := e.leads(e.readCommitted(names.Leads(), leadsFor([]string{"dup-1"})))
	for _, l := range leads {
		if l.CompanyName != "ACME WIDGETS LIMITED" || len(l.Executives) != 2 {
			t.Errorf("lead version %d: %s with %d people, want ACME's 2 only", l.Version, l.CompanyName, len(l.Executives))
		}
	}
}

// setTopicConfig sets one config of topic on the broker.
func (e *env) setTopicConfig(topic, key, value string) {
	e.t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...))
	if err != nil {
		e.t.Fatal(err)
	}
	defer cl.Close()
	v := value
	resps, err := kadm.NewClient(cl).AlterTopicConfigs(context.Background(), []kadm.AlterConfig{{Name: key, Value: &v}}, topic)
	if err == nil {
		err = resps[0].Err
	}
	if err != nil {
		e.t.Fatalf("set %s=%s on %s: %v", key, value, topic, err)
	}
}

// An aggregator whose batches keep failing (here: even the dead-letter
// topic refuses the record at fault) reports itself unready and how long
// it has been stuck, so an operator is told instead of finding out later.
func TestAnAggregatorThatCannotCommitTurnsUnreadyAndSaysForHowLong(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	cfg := e.config(RoleAggregator)
	cfg.Health, cfg.Metrics, cfg.AggregatorStallAfter = health.New(), metrics.New(), time.Second
	e.setTopicConfig(names.DLQ(), "max.message.bytes", "200")
	e.start(cfg)
	e.produce(names.Results(), resultFor(t, "huge", "HUGE LIMITED", 8, 50_000))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	probe := time.NewTicker(100 * time.Millisecond) // as a readiness probe would
	defer probe.Stop()
	for !unready(ctx, cfg.Health, "aggregator progress") {
		select {
		case <-ctx.Done():
			t.Fatal("the aggregator stayed ready while no batch could commit")
		case <-probe.C:
		}
	}
	if stalled := testutil.ToFloat64(cfg.Metrics.AggregatorStalled); stalled < 1 {
		t.Fatalf("leadgen_aggregator_stalled_seconds %.1f, want at least the 1s stall limit", stalled)
	}
}

// unready says whether a component h checks is registered and not ready:
// Run registers it once it has built the role.
func unready(ctx context.Context, h *health.Registry, component string) bool {
	c, ok := h.Ready(ctx).Components[component]
	return ok && !c.Ready
}

func TestARequestIDReusedForAnotherCompanyIsDeadLetteredNotMerged(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	e.start(e.config(ch, RoleAggregator))
	reqs, _ := requestsFor(3, 40)
	first, again, other := reqs[0], *reqs[0], reqs[1]
	other.RequestID = first.RequestID // another company under the same id
	e.request(first, &again, other)
	letters := e.readCommitted(names.DLQ(), keyed(first.RequestID))
	if h := headers(letters[0]); h[route.HeaderErrorClass] != "conflict" || !strings.Contains(h[route.HeaderErrorMessage], other.CompanyName) {
		t.Fatalf("dead letter headers %v, want class conflict naming %s", h, other.CompanyName)
	}
	e.request(reqs[2]) // after the conflict: still answered
	leads := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor([]string{first.RequestID, reqs[2].RequestID}))))
	for _, l := range leads[first.RequestID] {
		if l.CompanyName != first.CompanyName {
			t.Errorf("lead version %d of %s is for %s, want %s only", l.Version, first.RequestID, l.CompanyName, first.CompanyName)
		}
	}
}
