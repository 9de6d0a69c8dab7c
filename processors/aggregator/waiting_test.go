package aggregator

import (
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// waiter is the state of a request on partition that expects providers,
// has answers from answered, and got its first result at since.
func waiter(partition int32, since time.Time, expected []string, answered ...string) *entry {
	e := newEntry(partition)
	e.Expected, e.Since, e.Touched = expected, since, since
	for _, p := range answered {
		e.Results[p] = []byte("result")
	}
	return e
}

func TestRequestsWaitingAreCountedByTheProviderStillMissing(t *testing.T) {
	all := []string{"companies_house", "website", "x"}
	a := &Aggregator{cfg: Config{Enabled: all, Now: func() time.Time { return t0.Add(10 * time.Minute) }}}
	a.waiting.set("r1", waiter(0, t0, all, "companies_house"))            // waits for website and x
	a.waiting.set("r2", waiter(1, t0.Add(5*time.Minute), all, "website")) // waits for companies_house and x
	a.waiting.set("r3", waiter(1, t0.Add(8*time.Minute), all, all...))    // answered by all: not waiting
	a.waiting.set("r4", waiter(0, t0.Add(9*time.Minute), []string{"x"}))  // waits for x only
	want := []metrics.Waiting{
		{Provider: "companies_house", Requests: 1, Oldest: 5 * time.Minute},
		{Provider: "website", Requests: 1, Oldest: 10 * time.Minute},
		{Provider: "x", Requests: 3, Oldest: 10 * time.Minute},
	}
	if got := a.Waiting(); !slices.Equal(got, want) {
		t.Fatalf("waiting %+v\nwant %+v", got, want)
	}

	a.waiting.set("r1", waiter(0, t0, all, all...)) // website and x answered r1
	a.waiting.drop(1)                               // partition 1 went to another member
	want = []metrics.Waiting{
		{Provider: "companies_house"},
		{Provider: "website"},
		{Provider: "x", Requests: 1, Oldest: time.Minute},
	}
	if got := a.Waiting(); !slices.Equal(got, want) {
		t.Fatalf("after r1 was answered and partition 1 dropped: %+v\nwant %+v", got, want)
	}
}

func TestRestoredStateReplacesAPartitionsWaits(t *testing.T) {
	a := &Aggregator{cfg: Config{Now: func() time.Time { return t0.Add(time.Hour) }}}
	a.waiting.set("gone", waiter(2, t0, []string{"x"}))
	a.waiting.restore(2, map[string]Waiting{"r1": {Missing: []string{"x"}, Since: t0.Add(30 * time.Minute)}})
	want := []metrics.Waiting{{Provider: "x", Requests: 1, Oldest: 30 * time.Minute}}
	if got := a.Waiting(); !slices.Equal(got, want) {
		t.Fatalf("after restore: %+v, want %+v", got, want)
	}
	a.waiting.remove(2, "r1") // evicted after the retention
	if got := a.Waiting(); len(got) != 0 {
		t.Fatalf("after eviction: %+v, want nothing waiting", got)
	}
}

func TestAChangelogRecordSaysWhatItsRequestWaitsFor(t *testing.T) {
	e := waiter(0, t0, []string{"companies_house", "x"}, "x")
	e.Touched = t0.Add(time.Minute)
	raw, err := e.marshal()
	if err != nil {
		t.Fatal(err)
	}
	w, ok, err := WaitingOf(raw)
	if err != nil || !ok || !slices.Equal(w.Missing, []string{"companies_house"}) || !w.Since.Equal(t0) {
		t.Fatalf("WaitingOf = %+v, %v, %v; want companies_house missing since %v", w, ok, err, t0)
	}
	old := []byte(`{"partition":0,"expected":["x"],"results":{},"touched":"2026-03-01T12:00:00Z"}`)
	if w, ok, err := WaitingOf(old); err != nil || !ok || !w.Since.Equal(t0) {
		t.Fatalf("a record written before since was kept: %+v, %v, %v; want waiting since it was touched", w, ok, err)
	}
	if _, ok, err := WaitingOf(nil); ok || err != nil {
		t.Fatalf("a tombstone waits: %v, %v", ok, err)
	}
}
