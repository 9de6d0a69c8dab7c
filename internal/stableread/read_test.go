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
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b, err := embedded.Start(ctx, embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	topic := topics.Names{}.AggregatorState()
	plain, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...), kgo.DefaultProduceTopic(topic),
		kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	for _, v := range []string{"one", "two"} {
		if err := plain.ProduceSync(ctx, &kgo.Record{Key: []byte(v), Value: []byte(v), Partition: 0}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	txn, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...), kgo.DefaultProduceTopic(topic),
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
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b, err := embedded.Start(ctx, embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	topic := topics.Names{}.Requests()
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...), kgo.DefaultProduceTopic(topic),
		kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, v := range []string{"a", "b", "c", "d"} {
		if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte(v), Partition: 1}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
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
