package embedded

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// brokerDirEnv makes the test binary a broker process on that data dir, so
// a test can kill it with SIGKILL.
const brokerDirEnv = "LEADGEN_EMBEDDED_TEST_BROKER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(brokerDirEnv); dir != "" {
		b, err := Start(context.Background(), Config{DataDir: dir})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(b.Addrs()[0], b.Repaired)
		select {}
	}
	os.Exit(m.Run())
}

// startProcess runs a broker process on dir; it returns its address, how
// many transactions it repaired at start, and the process.
func startProcess(t *testing.T, dir string) (string, string, *exec.Cmd) {
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
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("broker process: %v", err)
	}
	addr, repaired, _ := strings.Cut(strings.TrimSpace(line), " ")
	return addr, repaired, cmd
}

// A transaction open when the broker is killed is aborted at the restart,
// and the same producer's later transactions on the same partition are
// visible to read_committed consumers. Without the abort marker Start
// writes, every consumer reading from before the lost transaction would
// skip them (the aggregator's changelog and the leads would lose all that
// followed a broker crash).
func TestAfterABrokerKilledMidTransactionLaterCommitsAreVisible(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dir := t.TempDir()
	topic := topics.Names{}.AggregatorState()
	addr, _, broker := startProcess(t, dir)
	produceTxn(ctx, t, addr, topic, "before", true)
	produceTxn(ctx, t, addr, topic, "cut", false)
	if err := broker.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = broker.Wait()

	addr, repaired, _ := startProcess(t, dir)
	if repaired != "1" {
		t.Errorf("the restarted broker repaired %s transactions, want the 1 cut by the kill", repaired)
	}
	produceTxn(ctx, t, addr, topic, "after", true)
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: {0: kgo.NewOffset().AtStart()}}),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	var got []string
	for len(got) < 2 && ctx.Err() == nil {
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) { got = append(got, string(r.Value)) })
	}
	if len(got) != 2 || got[0] != "before" || got[1] != "after" {
		t.Fatalf("read_committed consumer read %q, want [before after]", got)
	}
}

// produceTxn writes value to partition 0 of topic in a transaction of one
// transactional id, committed or left open.
func produceTxn(ctx context.Context, t *testing.T, addr, topic, value string, commit bool) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.DefaultProduceTopic(topic),
		kgo.TransactionalID("embedded-crash-test"), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.BeginTransaction(); err != nil {
		t.Fatal(err)
	}
	if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte(value), Partition: 0}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	if commit {
		if err := cl.EndTransaction(ctx, kgo.TryCommit); err != nil {
			t.Fatal(err)
		}
	}
}
