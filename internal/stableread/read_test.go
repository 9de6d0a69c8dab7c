package stableread_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// brokerDirEnv makes the test binary a broker process on that data dir, so
// a test can kill it with SIGKILL.
const brokerDirEnv = "LEADGEN_STABLEREAD_BROKER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(brokerDirEnv); dir != "" {
		b, err := embedded.Start(context.Background(), embedded.Config{DataDir: dir})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(b.Addrs()[0])
		select {}
	}
	os.Exit(m.Run())
}

// startBroker runs a broker process on dir and returns its address.
func startBroker(t *testing.T, dir string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), brokerDirEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("broker process: %v", err)
	}
	return strings.TrimSpace(addr), cmd
}

// A partition that ends in a transaction the broker gave up when it was
// killed (no marker was ever written) has no visible record just below its
// stable end. The read must still end there, with the committed records.
func TestTheReadEndsAtTheStableEndPastAnUnmarkedTransaction(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dir := t.TempDir()
	addr, broker := startBroker(t, dir)
	topic := topics.Names{}.AggregatorState()
	plain, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.DefaultProduceTopic(topic),
		kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"one", "two"} {
		if err := plain.ProduceSync(ctx, &kgo.Record{Key: []byte(v), Value: []byte(v), Partition: 0}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	plain.Close()
	txn, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.DefaultProduceTopic(topic),
		kgo.TransactionalID("stableread-test"), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	if err := txn.BeginTransaction(); err != nil {
		t.Fatal(err)
	}
	if err := txn.ProduceSync(ctx, &kgo.Record{Key: []byte("open"), Value: []byte("open"), Partition: 0}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	if err := broker.Process.Kill(); err != nil { // the transaction is neither committed nor aborted
		t.Fatal(err)
	}
	_ = broker.Wait()
	txn.Close()

	addr, _ = startBroker(t, dir)
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	stable, err := kadm.NewClient(cl).ListCommittedOffsets(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	lso, _ := stable.Lookup(topic, 0)
	if lso.Offset != 3 {
		t.Fatalf("last stable offset %d after the restart, want 3 (past the given-up transaction)", lso.Offset)
	}

	var got []string
	ends, err := stableread.Reader{Client: cl}.Read(ctx, topic, map[int32]stableread.Span{0: {From: 0, To: stableread.ToStableEnd}},
		func(r *kgo.Record) error { got = append(got, string(r.Value)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "one" || got[1] != "two" {
		t.Errorf("read %q, want the two committed records", got)
	}
	if ends[0].Next != 3 || ends[0].Stable != 3 {
		t.Errorf("read ended at %+v, want next 3 at stable end 3", ends[0])
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
