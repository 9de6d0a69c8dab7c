package consume

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

const topic = "in"

func cluster(t *testing.T, records ...*kgo.Record) []kgo.Opt {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, topic))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	opts := []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, r := range records {
		r.Topic = topic
	}
	if err := cl.ProduceSync(context.Background(), records...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	return opts
}

func rec(key, value string) *kgo.Record {
	return &kgo.Record{Key: []byte(key), Value: []byte(value)}
}

// start runs a consumer and returns a stop function that waits for Run.
func start(t *testing.T, cfg Config, opts []kgo.Opt) func() {
	t.Helper()
	c, err := New(cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}
}

func committed(t *testing.T, opts []kgo.Opt, group string) int64 {
	t.Helper()
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	offs, err := kadm.NewClient(cl).FetchOffsets(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	o, ok := offs.Lookup(topic, 0)
	if !ok {
		return -1
	}
	return o.At
}

func deadline(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestRecordsOfDifferentKeysInOnePartitionRunConcurrently(t *testing.T) {
	opts := cluster(t, rec("a", "1"), rec("b", "1"))
	bStarted := make(chan struct{})
	ctx := deadline(t)
	handled := make(chan string, 2)
	stop := start(t, Config{Group: "g", Topics: []string{topic}, Handler: func(_ context.Context, r *kgo.Record) error {
		if string(r.Key) == "a" {
			// a waits for b: a sequential consumer would never get to b.
			select {
			case <-bStarted:
			case <-ctx.Done():
				return errors.New("b never started while a was in flight")
			}
		} else {
			close(bStarted)
		}
		handled <- string(r.Key)
		return nil
	}}, opts)
	defer stop()
	for range 2 {
		select {
		case <-handled:
		case <-ctx.Done():
			t.Fatal("records were not handled concurrently")
		}
	}
}

func TestRecordsOfOneKeyKeepTheirOrder(t *testing.T) {
	var records []*kgo.Record
	for i := range 200 {
		records = append(records, rec(fmt.Sprint("k", i%3), fmt.Sprint(i)))
	}
	opts := cluster(t, records...)
	var mu sync.Mutex
	seen := map[string][]int{}
	all := make(chan struct{})
	count := 0
	stop := start(t, Config{Group: "g", Topics: []string{topic}, MaxInFlight: 16, Handler: func(_ context.Context, r *kgo.Record) error {
		var n int
		fmt.Sscan(string(r.Value), &n)
		mu.Lock()
		defer mu.Unlock()
		seen[string(r.Key)] = append(seen[string(r.Key)], n)
		if count++; count == len(records) {
			close(all)
		}
		return nil
	}}, opts)
	select {
	case <-all:
	case <-deadline(t).Done():
		t.Fatal("not every record was handled")
	}
	stop()
	for key, ns := range seen {
		for i := 1; i < len(ns); i++ {
			if ns[i] < ns[i-1] {
				t.Fatalf("key %s handled out of order: %v", key, ns)
			}
		}
	}
	if got := committed(t, opts, "g"); got != int64(len(records)) {
		t.Fatalf("committed offset %d, want %d", got, len(records))
	}
}

func TestAnUnfinishedRecordIsNotCommittedAndIsRedeliveredToTheNextMember(t *testing.T) {
	opts := cluster(t, rec("slow", "0"), rec("b", "1"), rec("c", "2"))
	others := make(chan struct{}, 2)
	stop := start(t, Config{Group: "g", Topics: []string{topic}, ShutdownTimeout: 400 * time.Millisecond,
		Handler: func(ctx context.Context, r *kgo.Record) error {
			if string(r.Key) == "slow" {
				<-ctx.Done() // never finishes before shutdown
				return ctx.Err()
			}
			others <- struct{}{}
			return nil
		}}, opts)
	ctx := deadline(t)
	for range 2 {
		select {
		case <-others:
		case <-ctx.Done():
			t.Fatal("later records were not handled")
		}
	}
	stop()
	if got := committed(t, opts, "g"); got > 0 {
		t.Fatalf("committed offset %d past the unfinished record at 0", got)
	}
	redelivered := make(chan string, 3)
	stop = start(t, Config{Group: "g", Topics: []string{topic}, Handler: func(_ context.Context, r *kgo.Record) error {
		redelivered <- string(r.Key)
		return nil
	}}, opts)
	defer stop()
	for {
		select {
		case k := <-redelivered:
			if k == "slow" {
				return
			}
		case <-ctx.Done():
			t.Fatal("unfinished record was not redelivered")
		}
	}
}

func TestAFailingHandlerIsRetriedUntilItSucceeds(t *testing.T) {
	opts := cluster(t, rec("a", "0"))
	var mu sync.Mutex
	calls := 0
	ok := make(chan struct{})
	stop := start(t, Config{Group: "g", Topics: []string{topic}, Handler: func(context.Context, *kgo.Record) error {
		mu.Lock()
		defer mu.Unlock()
		if calls++; calls < 3 {
			return errors.New("broker unavailable")
		}
		close(ok)
		return nil
	}}, opts)
	select {
	case <-ok:
	case <-deadline(t).Done():
		t.Fatal("handler was not retried")
	}
	stop()
	if got := committed(t, opts, "g"); got != 1 {
		t.Fatalf("committed offset %d, want 1", got)
	}
}

func TestConfigWithoutHandlerIsRejected(t *testing.T) {
	if _, err := New(Config{Group: "g", Topics: []string{topic}}); err == nil {
		t.Fatal("a consumer without a handler was accepted")
	}
}

func TestKeylessRecordsDoNotWaitForEachOther(t *testing.T) {
	opts := cluster(t, &kgo.Record{Value: []byte("1")}, &kgo.Record{Value: []byte("2")})
	ctx := deadline(t)
	first := make(chan struct{})
	done := make(chan struct{}, 2)
	var once sync.Once
	stop := start(t, Config{Group: "g", Topics: []string{topic}, Handler: func(_ context.Context, r *kgo.Record) error {
		if string(r.Value) == "1" {
			select { // record 1 waits for record 2 to start
			case <-first:
			case <-ctx.Done():
				return ctx.Err()
			}
		} else {
			once.Do(func() { close(first) })
		}
		done <- struct{}{}
		return nil
	}}, opts)
	defer stop()
	for range 2 {
		select {
		case <-done:
		case <-ctx.Done():
			t.Fatal("keyless records were handled one at a time")
		}
	}
}

// Regression: a revoke used to wait without limit for a partition's
// handlers, stalling the rebalance and, at shutdown, Run itself.
func TestASlowHandlerNeitherBlocksARebalanceNorShutdown(t *testing.T) {
	opts := cluster(t, rec("slow", "0"))
	started := make(chan struct{})
	var once sync.Once
	a, err := New(Config{Group: "g", Topics: []string{topic}, RevokeTimeout: 10 * time.Millisecond, ShutdownTimeout: 400 * time.Millisecond,
		Handler: func(ctx context.Context, _ *kgo.Record) error {
			once.Do(func() { close(started) })
			<-ctx.Done()
			return ctx.Err()
		}}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	wait := deadline(t)
	select {
	case <-started:
	case <-wait.Done():
		t.Fatal("slow record never started")
	}
	redelivered := make(chan struct{}, 1)
	stopB := start(t, Config{Group: "g", Topics: []string{topic}, Handler: func(context.Context, *kgo.Record) error {
		select {
		case redelivered <- struct{}{}:
		default:
		}
		return nil
	}}, opts)
	defer stopB()
	cancel()
	select {
	case <-done:
	case <-wait.Done():
		t.Fatal("Run did not return after its context ended")
	}
	select {
	case <-redelivered:
	case <-wait.Done():
		t.Fatal("the unfinished record was not handed to the other member")
	}
}

// Regression: the poll loop waited for an in-flight place while holding
// a polled batch, and so held every rebalance of the group until a handler
// finished; handlers that wait for a quota can wait for minutes.
func TestAMemberJoinsWhileEveryInFlightHandlerWaits(t *testing.T) {
	var records []*kgo.Record
	for i := range 20 {
		records = append(records, rec(fmt.Sprint("k", i), "v"))
	}
	opts := append(cluster(t, records...), kgo.RebalanceTimeout(10*time.Minute))
	waiting, release := make(chan struct{}, 20), make(chan struct{})
	handedOver := make(chan struct{}, 20)
	stopA := start(t, Config{Group: "g", Topics: []string{topic}, MaxInFlight: 2,
		Handler: func(ctx context.Context, _ *kgo.Record) error {
			waiting <- struct{}{}
			select {
			case <-Leaving(ctx):
				handedOver <- struct{}{}
				return errors.New("handed over")
			case <-release:
				return nil
			}
		}}, opts)
	defer stopA()
	ctx := deadline(t)
	for range 2 {
		select {
		case <-waiting:
		case <-ctx.Done():
			t.Fatal("the first member's handlers never started")
		}
	}
	b, err := New(Config{Group: "g", Topics: []string{topic}, Handler: func(context.Context, *kgo.Record) error { return nil }}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	bctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(bctx) }()
	defer func() { cancel(); <-done }()
	for !b.Joined() {
		select {
		case <-ctx.Done():
			t.Fatal("the second member never joined: the first held the rebalance while its handlers waited")
		case <-handedOver:
		case <-time.After(10 * time.Millisecond):
		}
	}
	close(release)
}

// Regression: with the broker gone, Run waited DrainTimeout, then as long
// again for handlers blocked producing, then committed and left the group
// with retries of 30s each, so a stopping process outlived any grace
// period.
func TestRunReturnsWithinTheShutdownTimeoutWithTheBrokerGone(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, topic, "out"))
	if err != nil {
		t.Fatal(err)
	}
	opts := []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}
	var records []*kgo.Record
	for i := range 50 {
		records = append(records, &kgo.Record{Topic: topic, Key: []byte(fmt.Sprint("k", i))})
	}
	seed, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.ProduceSync(context.Background(), records...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	seed.Close()
	const timeout = time.Second
	started := make(chan struct{}, len(records))
	var cons *Consumer
	cons, err = New(Config{Group: "g", Topics: []string{topic}, MaxInFlight: 8, ShutdownTimeout: timeout,
		Handler: func(ctx context.Context, r *kgo.Record) error {
			started <- struct{}{}
			<-ctx.Done() // the broker is gone before this produce
			return cons.Client().ProduceSync(context.WithoutCancel(ctx), &kgo.Record{Topic: "out", Value: r.Key}).FirstErr()
		}}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cons.Run(ctx) }()
	wait := deadline(t)
	select {
	case <-started:
	case <-wait.Done():
		t.Fatal("no record started")
	}
	c.Close()
	began := time.Now()
	cancel()
	select {
	case <-done:
		if took := time.Since(began); took > timeout+100*time.Millisecond {
			t.Fatalf("Run returned %s after its context ended, want within %s", took, timeout)
		}
	case <-wait.Done():
		t.Fatal("Run did not return after its context ended")
	}
}
