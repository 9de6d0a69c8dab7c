package consume

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// dueIn stamps a record due d from now in its "due" header.
func dueIn(key string, partition int32, d time.Duration) *kgo.Record {
	due := time.Now().Add(d).UnixMilli()
	return &kgo.Record{Topic: topic, Partition: partition, Key: []byte(key),
		Headers: []kgo.RecordHeader{{Key: "due", Value: []byte(strconv.FormatInt(due, 10))}}}
}

func dueOf(r *kgo.Record) time.Time {
	for _, h := range r.Headers {
		if h.Key == "due" {
			ms, _ := strconv.ParseInt(string(h.Value), 10, 64)
			return time.UnixMilli(ms)
		}
	}
	return time.Time{}
}

func partitioned(t *testing.T, records ...*kgo.Record) []kgo.Opt {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(2, topic))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	opts := []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}
	cl, err := kgo.NewClient(append(opts, kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(context.Background(), records...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	return opts
}

func TestARecordNotYetDueWaitsWithoutHoldingUpOtherPartitions(t *testing.T) {
	first, second := dueIn("p0", 0, 300*time.Millisecond), dueIn("p0", 0, 0)
	first.Value, second.Value = []byte("later"), []byte("later-2")
	now := dueIn("p1", 1, 0)
	now.Value = []byte("now")
	opts := partitioned(t, first, second, now)
	var mu sync.Mutex
	var order []string
	early := ""
	done := make(chan struct{})
	stop := start(t, Config{Group: "g", Topics: []string{topic}, DueAt: dueOf, Handler: func(_ context.Context, r *kgo.Record) error {
		mu.Lock()
		defer mu.Unlock()
		if time.Now().Before(dueOf(r)) {
			early = string(r.Value)
		}
		order = append(order, string(r.Value))
		if len(order) == 3 {
			close(done)
		}
		return nil
	}}, opts)
	defer stop()
	select {
	case <-done:
	case <-deadline(t).Done():
		t.Fatal("held records were never released")
	}
	if early != "" {
		t.Fatalf("%s was handled before it was due", early)
	}
	if order[0] != "now" || order[1] != "later" || order[2] != "later-2" {
		t.Fatalf("order %v: the due record of partition 1 must not wait for partition 0, whose key keeps its order", order)
	}
}

func TestAHeldPartitionHandedToAnotherMemberIsStillDelivered(t *testing.T) {
	opts := partitioned(t, dueIn("a", 0, 200*time.Millisecond), dueIn("b", 1, 200*time.Millisecond))
	got := make(chan string, 8)
	handler := func(_ context.Context, r *kgo.Record) error { got <- string(r.Key); return nil }
	stopA := start(t, Config{Group: "g", Topics: []string{topic}, DueAt: dueOf, Handler: handler}, opts)
	defer stopA()
	stopB := start(t, Config{Group: "g", Topics: []string{topic}, DueAt: dueOf, Handler: handler}, opts)
	defer stopB()
	seen := map[string]bool{}
	ctx := deadline(t)
	for len(seen) < 2 {
		select {
		case k := <-got:
			seen[k] = true
		case <-ctx.Done():
			t.Fatalf("delivered %v after the rebalance, want a and b", seen)
		}
	}
}
