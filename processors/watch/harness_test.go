package watch

import (
	"context"
	"errors"
	"github.com/leadgen/leadgen/internal/logtest"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// start is the sandbox stream's first timepoint.
const start = 1_000_000

// lockedBuffer collects log lines written from several goroutines.
type lockedBuffer = logtest.Buffer

// harness is a kfake cluster with leadgen's topics and a sandbox serving
// the streams.
type harness struct {
	t     testing.TB
	names topics.Names
	opts  []kgo.Opt
	cl    *kgo.Client
	url   string
	logs  *lockedBuffer
	log   *slog.Logger
	sb    *sandbox.Server
}

func newHarness(t testing.TB, scfg sandbox.Config) *harness {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	opts := []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	names := topics.Names{Prefix: "t."}
	admin, err := kgo.NewClient(opts...) // its metadata cache knows the topics as missing
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := topics.Apply(t.Context(), admin, topics.Catalogue(topics.Config{Names: names, Partitions: 3}), -1); err != nil {
		t.Fatal(err)
	}
	scfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	sb, err := sandbox.New(scfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	logs := &lockedBuffer{}
	return &harness{t: t, names: names, opts: opts, cl: cl, url: srv.URL + sandbox.CompaniesHouseStreamPrefix,
		logs: logs, log: slog.New(slog.NewTextHandler(logs, nil)), sb: sb}
}

// client is a stream client of the sandbox that backs off briefly.
func (h *harness) client() *chstream.Client {
	h.t.Helper()
	c, err := chstream.New(chstream.Config{URL: h.url, Key: "stream-key", MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Logger: h.log})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// role builds the watch role on the harness, following one stream.
func (h *harness) role(stream chstream.Stream, tweaks ...func(*Config)) *Watch {
	h.t.Helper()
	cfg := Config{Names: h.names, Client: h.client(), Streams: []chstream.Stream{stream}, Linger: 10 * time.Millisecond, MaxBatch: 20,
		CheckpointEvery: 50 * time.Millisecond, Logger: h.log}
	for _, tweak := range tweaks {
		tweak(&cfg)
	}
	w, err := New(cfg, h.opts...)
	if err != nil {
		h.t.Fatal(err)
	}
	return w
}

// run starts w and returns the function that stops it and reports its
// error.
func (h *harness) run(w *Watch) (stop func()) {
	ctx, cancel := context.WithCancel(h.t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			h.t.Errorf("watch role: %v", err)
		}
	}
}

// oracle reads stream up to last straight from the sandbox and returns
// the company of every timepoint.
func (h *harness) oracle(s chstream.Stream, last int64) map[int64]string {
	h.t.Helper()
	out := map[int64]string{}
	errDone := errors.New("done")
	err := h.client().Follow(h.t.Context(), s, 0, func(ev *chstream.Event) error {
		out[ev.Event.Timepoint] = ev.CompanyNumber()
		if ev.Event.Timepoint == last {
			return errDone
		}
		return nil
	})
	if !errors.Is(err, errDone) {
		h.t.Fatalf("oracle: %v", err)
	}
	return out
}

// watch puts companies on the watchlist.
func (h *harness) watch(companies ...string) {
	h.t.Helper()
	if err := Add(h.t.Context(), h.cl, h.names, schemas.WatchFromCLI, time.Now(), companies...); err != nil {
		h.t.Fatal(err)
	}
}

// expected are the timepoints of companies in watched, sorted.
func expected(oracle map[int64]string, watched []string) []int64 {
	var out []int64
	for tp, c := range oracle {
		if slices.Contains(watched, c) {
			out = append(out, tp)
		}
	}
	slices.Sort(out)
	return out
}

// waitEvents reads committed events from the start until n arrived.
func (h *harness) waitEvents(n int) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(h.t.Context(), time.Minute)
	defer cancel()
	cl, err := kgo.NewClient(append(slices.Clone(h.opts), kgo.ConsumeTopics(h.names.CompaniesHouseEvents()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))...)
	if err != nil {
		h.t.Fatal(err)
	}
	defer cl.Close()
	for seen := 0; seen < n; {
		f := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			h.t.Fatalf("%d of %d events after a minute:\n%s", seen, n, h.logs)
		}
		seen += f.NumRecords()
	}
}

// events reads every committed event.
func (h *harness) events() []*schemas.CompaniesHouseEvent {
	h.t.Helper()
	reader := stableread.Reader{Client: h.cl}
	topic := h.names.CompaniesHouseEvents()
	spans, err := reader.All(h.t.Context(), topic)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []*schemas.CompaniesHouseEvent
	_, err = reader.Read(h.t.Context(), topic, spans, func(r *kgo.Record) error {
		e, err := schemas.DecodeCompaniesHouseEvent(r.Value)
		if err != nil {
			return err
		}
		if string(r.Key) != e.CompanyNumber {
			h.t.Errorf("event %d keyed %q, want its company %q", e.Timepoint, r.Key, e.CompanyNumber)
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// timepoints are the events' timepoints, sorted.
func timepoints(evs []*schemas.CompaniesHouseEvent) []int64 {
	out := make([]int64, len(evs))
	for i, e := range evs {
		out[i] = e.Timepoint
	}
	slices.Sort(out)
	return out
}

// wantOnce fails unless got holds every timepoint of want exactly once
// and nothing else.
func wantOnce(t testing.TB, got, want []int64) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	var dup, lost []int64
	for i := 1; i < len(got); i++ {
		if got[i] == got[i-1] {
			dup = append(dup, got[i])
		}
	}
	for _, tp := range want {
		if !slices.Contains(got, tp) {
			lost = append(lost, tp)
		}
	}
	t.Fatalf("%d events, want %d: produced twice %v, lost %v", len(got), len(want), dup, lost)
}

// waitEntry follows the watchlist until company's latest record is an
// entry (watched) or a tombstone (not watched), and returns the entry. A
// company never on the list is not waited for: check the whole list.
func (h *harness) waitEntry(company string, watched bool) schemas.WatchEntry {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(h.t.Context(), time.Minute)
	defer cancel()
	cl, err := kgo.NewClient(append(slices.Clone(h.opts), kgo.ConsumeTopics(h.names.Watchlist()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))...)
	if err != nil {
		h.t.Fatal(err)
	}
	defer cl.Close()
	l := NewList()
	seen := false
	for {
		f := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			h.t.Fatalf("company %s never watched=%v:\n%s", company, watched, h.logs)
		}
		f.EachRecord(func(r *kgo.Record) {
			l.Apply(r)
			seen = seen || string(r.Key) == company
		})
		if e, ok := l.entry(company); seen && ok == watched {
			return e
		}
	}
}

// newBenchHarness is a harness whose streams are served at url.
func newBenchHarness(b *testing.B, url string) *harness {
	h := newHarness(b, sandbox.Config{})
	h.url = url
	h.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	return h
}
