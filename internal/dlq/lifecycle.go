package dlq

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Input is the group of letters that never decoded as a request: bad
// input, whichever worker happened to dead-letter it, and no provider's
// fault.
const Input = "input"

// DefaultParkAfter is how many replays a lineage gets before a letter that
// fails again is parked.
const DefaultParkAfter = 3

// Status is where one letter stands in its lineage's lifecycle.
type Status struct {
	State letterstate.State `json:"state"`
	// Lineage is the letterstate key the letter shares with its replays.
	Lineage string `json:"lineage"`
	// Replays counts the lineage's replays so far.
	Replays    int       `json:"replays"`
	ReplayID   string    `json:"replay_id,omitempty"`
	ReplayedAt time.Time `json:"replayed_at,omitzero"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// Next is the letter a re-failed letter's replay became; Prev the
	// letter this one's replay copied.
	Next *letterstate.Ref `json:"next,omitempty"`
	Prev *letterstate.Ref `json:"prev,omitempty"`
}

// Book holds the lifecycle of every dead letter: the letters of each
// lineage, in the order they were dead-lettered, and each lineage's latest
// state record.
type Book struct {
	lineages  map[string][]lineageLetter
	records   map[string]letterstate.Record
	parkAfter int
}

type lineageLetter struct {
	ref     letterstate.Ref
	replays int
	at      time.Time
}

// NewBook returns an empty book that parks a letter after parkAfter
// replays (DefaultParkAfter when 0 or less).
func NewBook(parkAfter int) *Book {
	if parkAfter <= 0 {
		parkAfter = DefaultParkAfter
	}
	return &Book{lineages: map[string][]lineageLetter{}, records: map[string]letterstate.Record{}, parkAfter: parkAfter}
}

// AddLetter files l under its lineage.
func (b *Book) AddLetter(l Letter) {
	k := l.Lineage()
	ls := append(b.lineages[k], lineageLetter{l.Ref(), l.ReplayCount, l.FailedAt()})
	slices.SortFunc(ls, func(x, y lineageLetter) int {
		return cmp.Or(cmp.Compare(x.replays, y.replays), x.at.Compare(y.at),
			cmp.Compare(x.ref.Partition, y.ref.Partition), cmp.Compare(x.ref.Offset, y.ref.Offset))
	})
	b.lineages[k] = ls
}

// AddRecord files the latest state record of a lineage; a nil value (a
// tombstone) forgets it.
func (b *Book) AddRecord(key string, r *letterstate.Record) {
	if r == nil {
		delete(b.records, key)
		return
	}
	b.records[key] = *r
}

// Status says where l stands. A letter the book has not seen is treated
// as the only letter of its lineage.
func (b *Book) Status(l Letter) Status {
	k := l.Lineage()
	st := Status{Lineage: k, Replays: l.ReplayCount}
	if ref, ok := letterstate.ParseRef(l.ReplayOf); ok {
		st.Prev = &ref
	}
	ls := b.lineages[k]
	if i := slices.IndexFunc(ls, func(x lineageLetter) bool { return x.ref == l.Ref() }); i >= 0 && i < len(ls)-1 {
		next := ls[i+1].ref
		st.State, st.Next = letterstate.Refailed, &next
		return st
	}
	if r, ok := b.records[k]; ok && r.Letter == l.Ref() {
		st.State, st.Replays, st.ReplayID = r.State, max(st.Replays, r.Replays), r.ReplayID
		st.ReplayedAt, st.ResolvedAt = r.ReplayedAt, r.ResolvedAt
		return st
	}
	st.State = letterstate.Open
	if l.ReplayCount >= b.parkAfter {
		st.State = letterstate.Parked
	}
	return st
}

// Annotate sets l.Status and reports whether l is in one of the states
// only (any state when only is empty).
func (b *Book) Annotate(l *Letter, only []letterstate.State) bool {
	l.Status = b.Status(*l)
	return len(only) == 0 || slices.Contains(only, l.Status.State)
}

// ReadBook reads every letter of the dead-letter topic (headers only) and
// the state topic into a book.
func ReadBook(ctx context.Context, opts []kgo.Opt, names topics.Names, parkAfter int) (*Book, error) {
	b := NewBook(parkAfter)
	err := readTopic(ctx, opts, names.DLQ(), All(), func(r *kgo.Record) error {
		if !r.Attrs.IsControl() {
			b.AddLetter(parseHeaders(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTopic(ctx, opts, names.DLQState(), All(), func(r *kgo.Record) error {
		if r.Value == nil {
			b.AddRecord(string(r.Key), nil)
		} else if rec, err := letterstate.Decode(r.Value); err == nil {
			b.AddRecord(string(r.Key), &rec)
		}
		return nil
	})
	return b, err
}

// Group is the provider a letter is counted under: its provider, or Input
// for a request that never decoded, which is no provider's fault.
func (l Letter) Group() string {
	if l.Class == failure.Undecodable && l.Provider != Aggregator {
		return Input
	}
	return l.Provider
}

// Ref locates l in the dead-letter topic.
func (l Letter) Ref() letterstate.Ref {
	return letterstate.Ref{Partition: l.Partition, Offset: l.Offset}
}

// Lineage is l's letterstate key (see letterstate.LineageOf).
func (l Letter) Lineage() string { return letterstate.LineageOf(l.record()) }
