package watch

import (
	"context"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v5"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// FillGroup is the consumer group that fills the watchlist from leads.
func FillGroup(prefix string) string { return prefix + "leadgen-watch-fill" }

// optOutMemory bounds the request ids of opted-out requests the filler
// remembers until their leads arrive: far more than are ever in flight.
const optOutMemory = 100_000

// filler keeps the watchlist filled from leads: the company of every lead
// with a company number is watched, unless the lead's request opted out
// (watch=false); a company whose lead was erased (a tombstone) is
// unwatched if a lead was what watched it. A request and its lead may be
// read in either order: a request that opts out after its lead was read
// removes the entry the lead made.
type filler struct {
	w        *Watch
	optedOut *lru.Cache[string, struct{}]
}

// fill reads requests and leads with the fill group until ctx ends. An
// entry is written only when the list lacks it, so a new version of a
// lead costs a lookup. Offsets are committed after the entries are
// acknowledged: a crash writes an entry twice at worst, which the
// compacted topic absorbs.
func (w *Watch) fill(ctx context.Context) error {
	select {
	case <-w.list.Ready():
	case <-ctx.Done():
		return nil
	}
	optedOut, err := lru.New[string, struct{}](optOutMemory)
	if err != nil {
		return fmt.Errorf("watchlist filler: %w", err)
	}
	f := filler{w: w, optedOut: optedOut}
	names := w.cfg.Names
	cl, err := kgo.NewClient(w.clientOpts("fill", kgo.ConsumerGroup(FillGroup(names.Prefix)),
		kgo.ConsumeTopics(names.Requests(), names.Leads()), kgo.DisableAutoCommit(),
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
		fetches.EachRecord(func(r *kgo.Record) { entries = append(entries, f.entries(r)...) })
		if err := w.writeEntries(ctx, cl, entries); err != nil {
			return nil // ctx ended
		}
		if err := cl.CommitUncommittedOffsets(ctx); err != nil && ctx.Err() == nil {
			w.cfg.Logger.Warn("watchlist filler: offsets not committed; the leads are read again", "err", err)
		}
	}
}

// entries are the watchlist records one request or lead calls for.
func (f *filler) entries(r *kgo.Record) []*kgo.Record {
	if r.Topic == f.w.cfg.Names.Requests() {
		return f.request(r)
	}
	return f.lead(r)
}

// request remembers a request that opts out, and unwatches what its lead
// watched if the lead came first.
func (f *filler) request(r *kgo.Record) []*kgo.Record {
	req, err := schemas.DecodeCompanyRequest(r.Value)
	if err != nil || !req.NoWatch {
		return nil
	}
	f.optedOut.Add(req.RequestID, struct{}{})
	var out []*kgo.Record
	for _, e := range f.w.list.Entries() {
		if e.Source == schemas.WatchFromLead && e.RequestID != nil && *e.RequestID == req.RequestID {
			out = append(out, f.w.list.remove(e.CompanyNumber, f.w.cfg.Names.Watchlist()))
		}
	}
	return out
}

// lead watches the company of a lead, or unwatches it when the lead was
// erased or its request opted out.
func (f *filler) lead(r *kgo.Record) []*kgo.Record {
	topic := f.w.cfg.Names.Watchlist()
	if r.Value == nil {
		return f.unwatch(string(r.Key))
	}
	lead, err := schemas.DecodeEnrichedLead(r.Value)
	if err != nil || lead.CompanyNumber == nil || *lead.CompanyNumber == "" {
		return nil
	}
	number := *lead.CompanyNumber
	if f.optedOut.Contains(lead.RequestID) {
		return f.unwatch(number)
	}
	if f.w.list.Watched(number) {
		return nil
	}
	v, err := schemas.EncodeWatchEntry(&schemas.WatchEntry{CompanyNumber: number, Source: schemas.WatchFromLead,
		LeadKey: &lead.LeadKey, RequestID: &lead.RequestID, AddedAt: f.w.cfg.Now()})
	if err != nil {
		return nil
	}
	f.w.list.add(v, number)
	return []*kgo.Record{{Topic: topic, Key: []byte(number), Value: v}}
}

// unwatch removes company if a lead was what watched it; a company an
// operator added stays.
func (f *filler) unwatch(company string) []*kgo.Record {
	e, ok := f.w.list.entry(company)
	if !ok || e.Source != schemas.WatchFromLead {
		return nil
	}
	return []*kgo.Record{f.w.list.remove(company, f.w.cfg.Names.Watchlist())}
}

// writeEntries writes entries, trying again with a backoff until they
// are acknowledged or ctx ends: the leads behind them are committed only
// after.
func (w *Watch) writeEntries(ctx context.Context, cl *kgo.Client, entries []*kgo.Record) error {
	if len(entries) == 0 {
		return nil
	}
	return untilDone(ctx, func() (bool, error) { // ProduceSync returns once every promise ran: the records may be sent again
		err := cl.ProduceSync(ctx, entries...).FirstErr()
		if err == nil || ctx.Err() != nil {
			return true, ctx.Err()
		}
		w.cfg.Logger.Warn("watchlist filler: entries not written; trying again", "entries", len(entries), "err", err)
		return false, nil
	})
}

// untilDone calls attempt until it reports done, waiting a backoff that
// grows from 100ms to 10s between calls, and returns attempt's last
// error, or ctx's when ctx ends while it waits.
func untilDone(ctx context.Context, attempt func() (done bool, err error)) error {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval = 100*time.Millisecond, 10*time.Second
	for {
		if done, err := attempt(); done {
			return err
		}
		t := time.NewTimer(b.NextBackOff())
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}
