package watch

import (
	"context"
	"fmt"
	"slices"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// FillGroup is the consumer group that fills the watchlist from leads.
func FillGroup(prefix string) string { return prefix + "leadgen-watch-fill" }

// fill watches the company of every lead with a company number, and stops
// watching a company whose lead was erased (a tombstone) when a lead was
// what watched it. An entry is written only when the list lacks it, so
// a new version of a lead costs a lookup. Offsets are committed after the
// entries are acknowledged: a crash writes an entry twice at worst, which
// the compacted topic absorbs.
func (w *Watch) fill(ctx context.Context) error {
	select {
	case <-w.list.Ready():
	case <-ctx.Done():
		return nil
	}
	cl, err := kgo.NewClient(append(slices.Clone(w.opts), kgo.ConsumerGroup(FillGroup(w.cfg.Names.Prefix)),
		kgo.ConsumeTopics(w.cfg.Names.Leads()), kgo.DisableAutoCommit(),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))...)
	if err != nil {
		return fmt.Errorf("watchlist filler: %w", err)
	}
	defer cl.Close()
	for {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil
		}
		var entries []*kgo.Record
		fetches.EachRecord(func(r *kgo.Record) {
			if e := w.entryFor(r); e != nil {
				entries = append(entries, e)
			}
		})
		if len(entries) > 0 {
			if err := cl.ProduceSync(ctx, entries...).FirstErr(); err != nil {
				return fmt.Errorf("watchlist filler: write %d entries: %w", len(entries), err)
			}
		}
		if err := cl.CommitUncommittedOffsets(ctx); err != nil && ctx.Err() == nil {
			w.cfg.Logger.Warn("watchlist filler: offsets not committed; the leads are read again", "err", err)
		}
	}
}

// entryFor is the watchlist record a lead record calls for, or nil.
func (w *Watch) entryFor(r *kgo.Record) *kgo.Record {
	topic := w.cfg.Names.Watchlist()
	if r.Value == nil {
		e, ok := w.list.entry(string(r.Key))
		if ok && e.Source == schemas.WatchFromLead {
			return &kgo.Record{Topic: topic, Key: r.Key}
		}
		return nil
	}
	lead, err := schemas.DecodeEnrichedLead(r.Value)
	if err != nil || lead.CompanyNumber == nil || *lead.CompanyNumber == "" || w.list.Watched(*lead.CompanyNumber) {
		return nil
	}
	v, err := schemas.EncodeWatchEntry(&schemas.WatchEntry{CompanyNumber: *lead.CompanyNumber, Source: schemas.WatchFromLead,
		LeadKey: &lead.LeadKey, AddedAt: w.cfg.Now()})
	if err != nil {
		return nil
	}
	w.list.add(v, *lead.CompanyNumber)
	return &kgo.Record{Topic: topic, Key: []byte(*lead.CompanyNumber), Value: v}
}
