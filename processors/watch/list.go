package watch

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// List is the set of watched companies, as the compacted watchlist topic
// holds it: an entry adds a company, a tombstone removes it. It is safe
// for concurrent use; Watched is the hot path of every stream event.
type List struct {
	mu      sync.RWMutex
	entries map[string]*schemas.WatchEntry
	ready   chan struct{}
	// undecodable counts watchlist values no reader understands; they
	// are skipped, as a consumer that stopped on one would watch nothing.
	undecodable int
}

// NewList returns an empty List, not yet ready.
func NewList() *List {
	return &List{entries: map[string]*schemas.WatchEntry{}, ready: make(chan struct{})}
}

// Watched reports whether company is on the list.
func (l *List) Watched(company string) bool {
	l.mu.RLock()
	_, ok := l.entries[company]
	l.mu.RUnlock()
	return ok
}

// Len is how many companies are watched.
func (l *List) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.entries)
}

// Entries returns the list sorted by company number.
func (l *List) Entries() []schemas.WatchEntry {
	l.mu.RLock()
	out := make([]schemas.WatchEntry, 0, len(l.entries))
	for _, e := range l.entries {
		out = append(out, *e)
	}
	l.mu.RUnlock()
	slices.SortFunc(out, func(a, b schemas.WatchEntry) int { return cmp.Compare(a.CompanyNumber, b.CompanyNumber) })
	return out
}

// entry returns the entry of company.
func (l *List) entry(company string) (schemas.WatchEntry, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	e, ok := l.entries[company]
	if !ok {
		return schemas.WatchEntry{}, false
	}
	return *e, true
}

// add puts the entry encoded in v on the list at once, before the
// watchlist topic gives it back, so the next version of the same lead
// does not write it again.
func (l *List) add(v []byte, company string) {
	l.Apply(&kgo.Record{Key: []byte(company), Value: v})
}

// remove takes company off the list at once and returns the tombstone
// that removes it from topic.
func (l *List) remove(company, topic string) *kgo.Record {
	r := &kgo.Record{Topic: topic, Key: []byte(company)}
	l.Apply(r)
	return r
}

// Ready is closed once the list holds every entry written before Follow
// started.
func (l *List) Ready() <-chan struct{} { return l.ready }

// Apply adds or removes the company of one watchlist record.
func (l *List) Apply(r *kgo.Record) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r.Value == nil {
		delete(l.entries, string(r.Key))
		return
	}
	e, err := schemas.DecodeWatchEntry(r.Value)
	if err != nil {
		l.undecodable++
		return
	}
	l.entries[string(r.Key)] = e
}

// Read fills l with the committed records of topic up to their stable
// end, marks it ready and returns where it stopped.
func (l *List) Read(ctx context.Context, cl *kgo.Client, topic string) (map[int32]stableread.End, error) {
	reader := stableread.Reader{Client: cl}
	spans, err := reader.All(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("read watchlist: %w", err)
	}
	ends, err := reader.Read(ctx, topic, spans, func(r *kgo.Record) error { l.Apply(r); return nil })
	if err != nil {
		return nil, fmt.Errorf("read watchlist: %w", err)
	}
	close(l.ready)
	return ends, nil
}

// Follow reads topic into l from the start, marks it ready, and keeps
// applying new entries until ctx ends.
func (l *List) Follow(ctx context.Context, opts []kgo.Opt, topic string) error {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("watchlist reader: %w", err)
	}
	ends, err := l.Read(ctx, cl, topic)
	cl.Close()
	if err != nil {
		return err
	}
	committed := append(slices.Clone(opts), kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	err = stableread.Follow(ctx, committed, topic, ends, func(f kgo.Fetches) error {
		f.EachRecord(l.Apply)
		return nil
	})
	if err != nil {
		return fmt.Errorf("watchlist reader: %w", err)
	}
	return nil
}
