package dlq

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestAReadReturnsTheLettersTheFilterSelects(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts,
		dead{"x", failure.Transient, "a0", request(t, "a0"), t0, 1},
		dead{"x", failure.Auth, "a1", request(t, "a1"), t0.Add(time.Hour), 1},
		dead{"website", failure.Transient, "a2", request(t, "a2"), t0.Add(2 * time.Hour), 1},
		dead{"x", failure.Transient, "a3", request(t, "a3"), t0.Add(3 * time.Hour), 1},
		dead{"x", failure.Transient, "b0", request(t, "b0"), t0, 4},
	)
	with := func(edit func(*Filter)) Filter { f := All(); edit(&f); return f }
	for _, tc := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"the open filter reads every partition", All(), []string{"a0", "a1", "a2", "a3", "b0"}},
		{"a provider filter reads one provider", with(func(f *Filter) { f.Provider = "website" }), []string{"a2"}},
		{"a class filter reads one class", with(func(f *Filter) { f.Class = failure.Auth }), []string{"a1"}},
		{"a time window reads failures inside it", with(func(f *Filter) { f.Since, f.Until = t0.Add(time.Hour), t0.Add(3*time.Hour) }), []string{"a1", "a2"}},
		{"a key filter reads one key", with(func(f *Filter) { f.Key = "b0" }), []string{"b0"}},
		{"a partition filter reads one partition", with(func(f *Filter) { f.Partition = 4 }), []string{"b0"}},
		{"an offset range reads both ends", with(func(f *Filter) { f.Partition, f.FromOffset, f.ToOffset = 1, 1, 2 }), []string{"a1", "a2"}},
		{"an open-ended offset range reads to the end", with(func(f *Filter) { f.Partition, f.FromOffset = 1, 3 }), []string{"a3"}},
		{"an offset range past the end reads nothing", with(func(f *Filter) { f.Partition, f.FromOffset = 1, 9 }), nil},
		{"an empty partition reads nothing", with(func(f *Filter) { f.Partition = 0 }), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := keys(readAll(t, opts, names.DLQ(), tc.f)); !slices.Equal(got, tc.want) {
				t.Fatalf("read %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAReadStopsAtTheEndTheTopicHadWhenItBegan(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "old", request(t, "old"), t0, 0})
	var got []string
	err := Read(context.Background(), opts, names.DLQ(), All(), func(l Letter) bool {
		got = append(got, string(l.Key))
		letters(t, opts, dead{"x", failure.Transient, "new", request(t, "new"), t0, 0})
		return true
	})
	if err != nil || !slices.Equal(got, []string{"old"}) {
		t.Fatalf("read %v (err %v), want only the record there at the start", got, err)
	}
}

func TestAReadEndsAfterACommittedTransactionAndSkipsAnAbortedOne(t *testing.T) {
	opts := embeddedtest.Opts(t)
	transact(t, opts, kgo.TryAbort, dead{"aggregator", failure.Undecodable, "aborted", []byte("x"), t0, 0}.record())
	transact(t, opts, kgo.TryCommit, dead{"aggregator", failure.Undecodable, "committed", []byte("x"), t0, 0}.record())
	if got := keys(readAll(t, opts, names.DLQ(), All())); !slices.Equal(got, []string{"committed"}) {
		t.Fatalf("read %v, want only the committed record and no markers", got)
	}
}

func TestAPartitionTheTopicDoesNotHaveIsAnError(t *testing.T) {
	opts := embeddedtest.Opts(t)
	f := All()
	f.Partition = 99
	if err := Read(context.Background(), opts, names.DLQ(), f, func(Letter) bool { return true }); err == nil {
		t.Fatal("reading partition 99 of a 6-partition topic succeeded")
	}
}

func TestAReadStopsWhenTheCallbackSaysSo(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "a", request(t, "a"), t0, 0}, dead{"x", failure.Transient, "b", request(t, "b"), t0, 0})
	n := 0
	err := Read(context.Background(), opts, names.DLQ(), All(), func(Letter) bool { n++; return false })
	if err != nil || n != 1 {
		t.Fatalf("callback ran %d times (err %v), want once", n, err)
	}
}

// transact writes recs in one transaction and ends it with commit.
func transact(t *testing.T, opts []kgo.Opt, commit kgo.TransactionEndTry, recs ...*kgo.Record) {
	t.Helper()
	ctx := context.Background()
	cl, err := kgo.NewClient(append(slices.Clone(opts), kgo.TransactionalID("dlq-test-"+t.Name()),
		kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.BeginTransaction(); err != nil {
		t.Fatal(err)
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	if err := cl.EndTransaction(ctx, commit); err != nil {
		t.Fatal(err)
	}
}
