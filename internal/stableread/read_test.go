package stableread_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// A partition that ends in an aborted transaction has no visible record
// just below its stable end: the read must still end there, with the
// committed records only.
func TestTheReadEndsAtTheStableEndPastAnAbortedTransaction(t *testing.T) {
	topic := topics.Names{}.AggregatorState()
	ctx, addrs, plain := withRecords(t, topic, 0, "one", "two")
	txn, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.DefaultProduceTopic(topic),
		kgo.TransactionalID("stableread-test"), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Close()
	if err := txn.BeginTransaction(); err != nil {
		t.Fatal(err)
	}
	if err := txn.ProduceSync(ctx, &kgo.Record{Key: []byte("aborted"), Value: []byte("aborted"), Partition: 0}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	if err := txn.EndTransaction(ctx, kgo.TryAbort); err != nil {
		t.Fatal(err)
	}

	var got []string
	ends, err := stableread.Reader{Client: plain}.Read(ctx, topic, map[int32]stableread.Span{0: {From: 0, To: stableread.ToStableEnd}},
		func(r *kgo.Record) error { got = append(got, string(r.Value)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "one" || got[1] != "two" {
		t.Errorf("read %q, want the two committed records", got)
	}
	if ends[0].Next != 4 || ends[0].Stable != 4 {
		t.Errorf("read ended at %+v, want next 4 at stable end 4 (after the abort marker)", ends[0])
	}
}

func TestASpanEndsAtItsToAndTheCallbackCanStopTheRead(t *testing.T) {
	topic := topics.Names{}.Requests()
	ctx, _, cl := withRecords(t, topic, 1, "a", "b", "c", "d")
	r := stableread.Reader{Client: cl}
	var got []string
	ends, err := r.Read(ctx, topic, map[int32]stableread.Span{1: {From: 1, To: 3}},
		func(rec *kgo.Record) error { got = append(got, string(rec.Value)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "b" || got[1] != "c" || ends[1].Next != 3 {
		t.Errorf("span [1,3) read %q ending at %d, want [b c] ending at 3", got, ends[1].Next)
	}

	stop := errors.New("enough")
	_, err = r.Read(ctx, topic, map[int32]stableread.Span{1: {From: 0, To: stableread.ToStableEnd}},
		func(*kgo.Record) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("read returned %v, want the callback's error", err)
	}

	all, err := r.All(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 {
		t.Errorf("All gave %d partitions, want the topic's 6", len(all))
	}
	if _, err := r.Read(ctx, topic, map[int32]stableread.Span{99: {}}, nil); err == nil {
		t.Error("reading a partition the topic lacks succeeded")
	}
}

// withRecords starts a broker and writes values to one partition of topic;
// it returns a context bounding the test, the broker's addresses and a
// client of it.
func withRecords(t *testing.T, topic string, partition int32, values ...string) (context.Context, []string, *kgo.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	b, err := embedded.Start(ctx, embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...), kgo.DefaultProduceTopic(topic),
		kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	for _, v := range values {
		if err := cl.ProduceSync(ctx, &kgo.Record{Key: []byte(v), Value: []byte(v), Partition: partition}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, b.Addrs(), cl
}
