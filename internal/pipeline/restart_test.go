package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/logtest"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/prometheus/client_golang/prometheus/testutil"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
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
	e := newEnv(t, sandbox.Config{Latency: 5 * time.Millisecond, RateLimit: -1}).onDisk()
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
	e := newEnv(t, sandbox.Config{RateLimit: -1}).onDisk()
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
	e := newEnv(t, sandbox.Config{RateLimit: -1}).onDisk()
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

// An EndTxn that never answers (a timeout: the transaction may or may not
// have committed) must not leave the aggregator reusing its producer: it
// opens a new one with the same transactional id, which aborts what the
// old one left open, and goes on without exiting; each lead is still
// emitted once.
func TestAnEndTxnTimeoutReinitialisesTheAggregatorsProducer(t *testing.T) {
	t.Parallel() // its own broker and sandbox; mostly waiting (see Makefile, -parallel)
	e := newEnv(t, sandbox.Config{RateLimit: -1}).onDisk()
	e.start(e.config("companies_house"))
	agg := e.config(RoleAggregator)
	agg.Metrics = metrics.New()
	logs := &logtest.Buffer{}
	agg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	e.start(agg)
	before, _ := requestsFor(3, 700)
	e.request(before...)
	e.readCommitted(names.Leads(), leadsFor(ids(before)))

	reinits := func() float64 { return testutil.ToFloat64(agg.Metrics.AggregatorReinits) }
	cluster := e.broker.Cluster()
	cluster.ControlKey(int16(kmsg.EndTxn), func(kmsg.Request) (kmsg.Response, error, bool) {
		if reinits() > 0 {
			return nil, nil, false // answer normally again
		}
		cluster.KeepControl()
		return nil, nil, true // never answer
	})
	after, _ := requestsFor(3, 710)
	e.request(after...)
	leads := leadRecords(t, e, append(ids(before), ids(after)...))

	if n := reinits(); n < 1 {
		t.Fatalf("producer re-initialised %v times after an EndTxn timeout, want at least once", n)
	}
	if !strings.Contains(strings.Join(logs.Lines(), "\n"), "re-initialising its producer") {
		t.Error("no log line says the producer was re-initialised")
	}
	epochBefore := leads[before[0].RequestID][0].ProducerEpoch
	for _, id := range ids(after) {
		recs := leads[id]
		if len(recs) != 1 {
			t.Errorf("%s: %d lead versions, want 1", id, len(recs))
			continue
		}
		if recs[0].ProducerEpoch <= epochBefore {
			t.Errorf("%s: lead written with producer epoch %d, not above %d of the producer whose EndTxn timed out",
				id, recs[0].ProducerEpoch, epochBefore)
		}
	}
}

// A broker that cannot give the aggregator a producer id while it
// re-initialises (restarting, say) does not stop the aggregator: it tries
// again with a backoff and goes on once the broker answers.
func TestTheAggregatorOutlastsABrokerRefusingItAProducerID(t *testing.T) {
	t.Parallel() // its own broker and sandbox; mostly waiting (see Makefile, -parallel)
	e := newEnv(t, sandbox.Config{RateLimit: -1}).onDisk()
	e.start(e.config("companies_house"))
	agg := e.config(RoleAggregator)
	agg.Metrics = metrics.New()
	e.start(agg)
	before, _ := requestsFor(3, 720)
	e.request(before...)
	e.readCommitted(names.Leads(), leadsFor(ids(before)))

	reinits := func() float64 { return testutil.ToFloat64(agg.Metrics.AggregatorReinits) }
	cluster := e.broker.Cluster()
	cluster.ControlKey(int16(kmsg.EndTxn), func(kmsg.Request) (kmsg.Response, error, bool) {
		cluster.KeepControl()
		if reinits() > 0 {
			return nil, nil, false
		}
		return nil, errors.New("broker going down"), true // the connection drops
	})
	cluster.ControlKey(int16(kmsg.InitProducerID), func(kmsg.Request) (kmsg.Response, error, bool) {
		cluster.KeepControl()
		if reinits() >= 3 {
			return nil, nil, false // the broker is back
		}
		return nil, errors.New("broker restarting"), true
	})
	after, _ := requestsFor(3, 730)
	e.request(after...)
	e.readCommitted(names.Leads(), leadsFor(ids(after)))
	if n := reinits(); n < 3 {
		t.Fatalf("producer re-initialised %v times, want the refused attempts tried again", n)
	}
}

// leadRecords reads the committed lead records of the given requests, by
// request id, until each has one.
func leadRecords(t *testing.T, e *env, want []string) map[string][]*kgo.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...), kgo.ConsumeTopics(names.Leads()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.FetchMaxWait(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	out := map[string][]*kgo.Record{}
	missing := func() bool {
		for _, id := range want {
			if len(out[id]) == 0 {
				return true
			}
		}
		return false
	}
	for missing() {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("timed out reading leads: %d of %d requests have one", len(out), len(want))
		}
		fetches.EachRecord(func(r *kgo.Record) {
			if l, err := schemas.DecodeEnrichedLead(r.Value); err == nil {
				out[l.RequestID] = append(out[l.RequestID], r)
			}
		})
	}
	return out
}

// With static membership a worker restarted with its instance id rejoins
// as the same member: the group keeps its generation (no rebalance) and
// the worker its partitions, instead of waiting for the old member's
// session to time out.
func TestAStaticMemberRestartedWithItsIDKeepsItsPartitionsWithoutARebalance(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1}).onDisk()
	member := e.config("companies_house")
	member.StaticMembership = true
	stop := e.start(member)
	e.start(e.config(RoleAggregator))
	first, _ := requestsFor(3, 720)
	e.request(first...)
	e.readCommitted(names.Leads(), leadsFor(ids(first)))
	group := worker.Group("", "companies_house")
	before := e.broker.Cluster().GroupInfo(group)

	stop()
	e.start(member)
	second, _ := requestsFor(3, 730)
	e.request(second...)
	e.readCommitted(names.Leads(), leadsFor(ids(second)))
	after := e.broker.Cluster().GroupInfo(group)

	if len(after.Members) != 1 || after.Members[0].InstanceID == nil || *after.Members[0].InstanceID != member.InstanceID {
		t.Fatalf("members after the restart: %+v, want the one static member %q", after.Members, member.InstanceID)
	}
	if after.Epoch != before.Epoch || after.Members[0].NumAssigned() != before.Members[0].NumAssigned() {
		t.Errorf("generation %d → %d, partitions %d → %d: the restart rebalanced the group",
			before.Epoch, after.Epoch, before.Members[0].NumAssigned(), after.Members[0].NumAssigned())
	}
}
