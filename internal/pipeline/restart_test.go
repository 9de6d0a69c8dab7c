package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// atLeast waits for n records, not counting transaction markers.
func atLeast(n int) func([]kafka.Message) bool {
	return func(msgs []kafka.Message) bool {
		c := 0
		for _, m := range msgs {
			if !isMarker(m) {
				c++
			}
		}
		return c >= n
	}
}

func TestAProviderWorkerRestartedMidStreamLosesAndDoublesNothing(t *testing.T) {
	e := newEnv(t, sandbox.Config{Latency: 5 * time.Millisecond, RateLimit: -1})
	e.start(e.config(RoleAggregator))
	worker := e.config("companies_house")
	worker.MaxInFlight = 4
	stop := e.start(worker)
	reqs, cos := requestsFor(60, 100)
	e.request(reqs...)

	e.readCommitted(names.Leads(), atLeast(10))
	stop() // mid-stream: most requests are not yet looked up
	e.start(worker)

	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs)))))
	for i, r := range reqs {
		if n := len(got[r.RequestID]); n != 1 {
			t.Errorf("%s: %d lead versions, want 1", r.RequestID, n)
			continue
		}
		checkLead(t, got[r.RequestID][0], cos[i])
	}
}

func TestAnAggregatorRestartedMidStreamEmitsEachLeadExactlyOnce(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	e.start(e.config("companies_house"))
	agg := e.config(RoleAggregator)
	stop := e.start(agg)
	reqs, cos := requestsFor(80, 200)
	e.request(reqs...)

	e.readCommitted(names.Leads(), atLeast(10))
	stop()
	e.start(agg)

	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs)))))
	for i, r := range reqs {
		if n := len(got[r.RequestID]); n != 1 {
			t.Errorf("%s: %d lead versions, want 1", r.RequestID, n)
			for _, l := range got[r.RequestID] {
				t.Logf("  v%d key=%s people=%d complete=%v updated=%v", l.Version, l.LeadKey, len(l.Executives), l.Complete, l.UpdatedAt)
			}
			continue
		}
		checkLead(t, got[r.RequestID][0], cos[i])
	}
}

// Regression: an aggregator that lost its state would emit version 1 again
// for a result re-delivered after its restart.
func TestARestartedAggregatorRemembersLeadsSoRedeliveriesMakeNoNewVersion(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	stopWorker := e.start(e.config("companies_house"))
	agg := e.config(RoleAggregator)
	stop := e.start(agg)
	reqs, _ := requestsFor(12, 300)
	e.request(reqs...)
	first := e.readCommitted(names.Results(), atLeast(len(reqs)))
	e.readCommitted(names.Leads(), leadsFor(ids(reqs)))
	stop()
	stopWorker()

	// Re-deliver every result unchanged, and one result with a late change.
	var again []kafka.Message
	for _, m := range first {
		again = append(again, kafka.Message{Key: m.Key, Value: m.Value})
	}
	changed, err := schemas.DecodeDiscoveryResult(first[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	changed.Executives = append(changed.Executives, schemas.Executive{Name: "Late Arrival", NormalizedName: "late arrival",
		Role: "director", Sources: []string{"companies_house"}})
	v, err := schemas.EncodeDiscoveryResult(changed)
	if err != nil {
		t.Fatal(err)
	}
	again = append(again, kafka.Message{Key: first[0].Key, Value: v})
	e.produce(names.Results(), again...)
	e.start(agg)
	e.waitCaughtUp(aggregator.Group(""), names.Results())

	got := byRequest(e.leads(e.readCommitted(names.Leads(), atLeast(len(reqs)+1))))
	for _, r := range reqs {
		want := 1
		if r.RequestID == changed.RequestID {
			want = 2
		}
		if n := len(got[r.RequestID]); n != want {
			t.Errorf("%s: %d lead versions, want %d", r.RequestID, n, want)
			for _, l := range got[r.RequestID] {
				t.Logf("  v%d key=%s people=%d", l.Version, l.LeadKey, len(l.Executives))
			}
		}
	}
	if late := got[changed.RequestID]; len(late) == 2 && late[1].Version != 2 {
		t.Errorf("late version = %d, want 2", late[1].Version)
	}
}

// waitCaughtUp waits until group has committed the end of every partition
// of topic.
func (e *env) waitCaughtUp(group, topic string) {
	e.t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...))
	if err != nil {
		e.t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		lag, err := adm.Lag(ctx, group)
		if err == nil {
			if l, ok := lag[group]; ok && l.FetchErr == nil && l.DescribeErr == nil && l.Lag.TotalByTopic()[topic].Lag == 0 && len(l.Lag[topic]) > 0 {
				return
			}
		}
		select {
		case <-ctx.Done():
			e.t.Fatalf("group %s did not catch up on %s", group, topic)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
