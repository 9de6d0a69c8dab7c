package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"golang.org/x/sync/errgroup"
)

// item is one event in stream order: ev is nil for an event about an
// unwatched company, whose timepoint alone moves the stream's position.
type item struct {
	ev *chstream.Event
	tp int64
}

// follower follows one stream and writes its watched events and its
// position in one transaction per batch: a restart resumes from the
// position of the last committed batch, so no event is lost, and an
// event at or below it is skipped, so none is written twice.
type follower struct {
	w        *Watch
	stream   chstream.Stream
	producer *kgo.Client
	log      *slog.Logger
	// seen is the highest timepoint taken into the batch; committed the
	// position the last transaction stored.
	seen, committed int64
	batch           []*chstream.Event
	// oldest is when the oldest uncommitted item arrived; zero when
	// nothing is pending.
	oldest, lastFlush time.Time
}

// run follows the stream until ctx ends or a transaction cannot be
// written.
func (f *follower) run(ctx context.Context) error {
	items := make(chan item, 4096)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(items)
		return f.w.cfg.Client.Follow(gctx, f.stream, f.committed, func(ev *chstream.Event) error {
			it := item{tp: ev.Event.Timepoint}
			f.w.read.Add(1)
			if f.w.list.Watched(ev.CompanyNumber()) {
				it.ev = ev
			}
			select {
			case items <- it:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	})
	g.Go(func() error { return f.write(gctx, items) })
	err := g.Wait()
	if ctx.Err() != nil {
		f.flushOnStop(ctx)
		return nil
	}
	return err
}

// write batches items and commits a batch when it is full, when its
// oldest watched event waited Linger, or, with no watched event pending,
// when the position is CheckpointEvery old.
func (f *follower) write(ctx context.Context, items <-chan item) error {
	tick := time.NewTicker(f.w.cfg.Linger)
	defer tick.Stop()
	for {
		select {
		case it, ok := <-items:
			if !ok {
				return nil
			}
			f.take(it)
			if len(f.batch) >= f.w.cfg.MaxBatch {
				if err := f.flush(ctx); err != nil {
					return err
				}
			}
		case <-tick.C:
			if f.due() {
				if err := f.flush(ctx); err != nil {
					return err
				}
			}
		case <-ctx.Done():
			return nil
		}
	}
}

// take adds one item, skipping a timepoint already taken: the API sends
// the last event of a dropped connection again, and a restart re-reads
// from the stored position.
func (f *follower) take(it item) {
	if it.tp <= f.seen {
		f.w.skipped.Add(1)
		return
	}
	f.seen = it.tp
	if f.oldest.IsZero() {
		f.oldest = f.w.cfg.Now()
	}
	if it.ev != nil {
		f.batch = append(f.batch, it.ev)
		f.w.watched.Add(1)
	}
}

// due reports whether the pending items should be committed now.
func (f *follower) due() bool {
	if f.seen == f.committed {
		return false
	}
	now := f.w.cfg.Now()
	if len(f.batch) > 0 {
		return now.Sub(f.oldest) >= f.w.cfg.Linger
	}
	return now.Sub(f.lastFlush) >= f.w.cfg.CheckpointEvery
}

// flush commits the batch and the position, trying again with a backoff
// until it succeeds, ctx ends, or the producer is fenced by another
// process following the same stream.
func (f *follower) flush(ctx context.Context) error {
	return untilDone(ctx, func() (bool, error) {
		err := f.commit(ctx)
		switch {
		case err == nil:
			f.committed, f.batch, f.oldest, f.lastFlush = f.seen, f.batch[:0], time.Time{}, f.w.cfg.Now()
			return true, nil
		case ctx.Err() != nil:
			return true, ctx.Err()
		case errors.Is(err, kerr.ProducerFenced) || errors.Is(err, kerr.InvalidProducerEpoch) || errors.Is(err, kerr.TransactionalIDAuthorizationFailed):
			return true, fmt.Errorf("stream %s: %w (is another watch process following it?)", f.stream, err)
		}
		f.log.Warn("watch: transaction failed; trying again", "events", len(f.batch), "timepoint", f.seen, "err", err)
		return false, nil
	})
}

// commit writes the batch and the position in one transaction.
func (f *follower) commit(ctx context.Context) error {
	recs, err := f.records()
	if err != nil {
		return err
	}
	if err := f.producer.BeginTransaction(); err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := f.producer.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		return f.abort(ctx, fmt.Errorf("produce %d events of %s: %w", len(recs)-1, f.stream, err))
	}
	if err := f.producer.EndTransaction(ctx, kgo.TryCommit); err != nil {
		return f.abort(ctx, fmt.Errorf("commit events of %s: %w", f.stream, err))
	}
	return nil
}

// abort ends a failed transaction, returning the error that failed it.
func (f *follower) abort(ctx context.Context, cause error) error {
	if err := f.producer.AbortBufferedRecords(ctx); err != nil {
		return errors.Join(cause, fmt.Errorf("abort: %w", err))
	}
	if err := f.producer.EndTransaction(ctx, kgo.TryAbort); err != nil {
		return errors.Join(cause, fmt.Errorf("abort: %w", err))
	}
	return cause
}

// records are the batch's event records and the position record, built
// anew for every attempt.
func (f *follower) records() ([]*kgo.Record, error) {
	names, now := f.w.cfg.Names, f.w.cfg.Now()
	out := make([]*kgo.Record, 0, len(f.batch)+1)
	for _, ev := range f.batch {
		rec := eventRecord(f.stream, ev, now)
		v, err := schemas.EncodeCompaniesHouseEvent(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, &kgo.Record{Topic: names.CompaniesHouseEvents(), Key: []byte(ev.CompanyNumber()), Value: v})
		if r, ok := aggregator.RefreshRecord(names, rec, v); ok {
			out = append(out, r) // the lead's refresh, exactly once with the event
		}
	}
	pos, err := positionRecord(names.WatchTimepoints(), f.stream, f.seen, now)
	if err != nil {
		return nil, err
	}
	return append(out, pos), nil
}

// flushOnStop commits what is pending when the role stops, within a
// short grace: what it cannot commit is read again after the restart.
func (f *follower) flushOnStop(ctx context.Context) {
	if f.seen == f.committed {
		return
	}
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), f.w.cfg.StopGrace)
	defer cancel()
	if err := f.commit(stop); err != nil {
		f.log.Warn("watch: pending events not committed at stop; they are read again after the restart", "timepoint", f.committed, "err", err)
		return
	}
	f.committed = f.seen
}

// eventRecord is the CompaniesHouseEvent of ev.
func eventRecord(s chstream.Stream, ev *chstream.Event, now time.Time) *schemas.CompaniesHouseEvent {
	return &schemas.CompaniesHouseEvent{CompanyNumber: ev.CompanyNumber(), Stream: string(s), ResourceKind: ev.ResourceKind,
		ResourceURI: ev.ResourceURI, ResourceID: ev.ResourceID, EventType: ev.Event.Type, Timepoint: ev.Event.Timepoint,
		PublishedAt: ev.Event.PublishedAt, FieldsChanged: ev.Event.FieldsChanged, Data: string(ev.Data), ReceivedAt: now}
}
