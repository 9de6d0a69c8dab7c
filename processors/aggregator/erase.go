package aggregator

// Erasing a person rewrites the leads already emitted. buildLead leaves
// erased people out of every lead built from now on; for the leads built
// before, the lead stage checks its state against the erasures whenever a
// new one arrives and whenever it restores a partition (its predecessor
// may have stopped before rewriting), and emits a new version of each lead
// that still names an erased person, with the state change, in one
// transaction, exactly as a late result does; the state keeps the results
// behind the new version only, which do not name the person. A lead of an
// erased company gets a tombstone, and its state keeps only the version.
// The lead stage keeps every lead's state, so every lead it wrote can be
// rewritten.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/statestore"
	"github.com/twmb/franz-go/pkg/kgo"
)

// sweep is the erasure work due: owned partitions whose leads must be
// checked against the person erasures.
type sweep struct {
	mu     sync.Mutex
	parts  map[int32]bool
	cancel context.CancelFunc // wakes the poll in progress, if any
	retry  *backoff.ExponentialBackOff
}

// mark makes parts due and wakes the poll in progress.
func (s *sweep) mark(parts ...int32) {
	if len(parts) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parts == nil {
		s.parts = map[int32]bool{}
	}
	for _, p := range parts {
		s.parts[p] = true
	}
	if s.cancel != nil {
		s.cancel()
	}
}

// take returns the partitions due and clears them.
func (s *sweep) take() map[int32]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	parts := s.parts
	s.parts = nil
	return parts
}

// arm lets mark end a poll by cancelling its context; a poll starting
// while work is due ends at once.
func (s *sweep) arm(cancel context.CancelFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel = cancel
	if len(s.parts) > 0 {
		cancel()
	}
}

func (s *sweep) disarm() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel = nil
}

// later makes parts due again after a backoff, for a sweep that did not
// commit; done resets the backoff after one that did.
func (s *sweep) later(parts map[int32]bool) {
	s.mu.Lock()
	if s.retry == nil {
		s.retry = backoff.NewExponentialBackOff()
		s.retry.MaxInterval = 10 * time.Second
	}
	wait := s.retry.NextBackOff()
	s.mu.Unlock()
	time.AfterFunc(wait, func() { s.mark(slices.Collect(maps.Keys(parts))...) })
}

func (s *sweep) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.retry != nil {
		s.retry.Reset()
	}
}

// sweepOwned makes every owned partition due: an erasure arrived.
func (a *Aggregator) sweepOwned(erasure.Erasure) {
	a.scrub.mark(a.states.ownedOf(spaceRequests)...)
	a.sweep.mark(a.states.ownedOf(spaceLeads)...)
}

// poll is the session's PollFetches, cut short with no fetches when a
// sweep falls due, so an idle aggregator rewrites leads at once.
func (a *Aggregator) poll(ctx context.Context) kgo.Fetches {
	pollCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	a.sweep.arm(cancel)
	defer a.sweep.disarm()
	fetches := a.sess.PollFetches(pollCtx)
	if ctx.Err() == nil && fetches.NumRecords() == 0 && errors.Is(fetches.Err0(), context.Canceled) {
		return nil
	}
	return fetches
}

// sweepErased rewrites, in one transaction, the leads of the partitions
// due that still name an erased person. It runs between poll batches,
// when every polled record is committed or rewound, so the transaction
// commits no offsets of records it did not handle.
func (a *Aggregator) sweepErased(ctx context.Context) error {
	parts, requestParts := a.sweep.take(), a.scrub.take()
	if len(parts)+len(requestParts) == 0 {
		return nil
	}
	known := a.erased.Len()
	a.cfg.Logger.Debug("erasure sweep due", "lead_partitions", len(parts), "request_partitions", len(requestParts), "erasures", known)
	cands, err := a.erasedCandidates(parts)
	if err != nil {
		return err
	}
	requests, err := a.scrubCandidates(requestParts)
	if err != nil {
		return err
	}
	if len(cands)+len(requests) == 0 {
		a.cfg.Logger.Debug("erasure sweep: nothing names an erased person", "lead_partitions", len(parts), "request_partitions", len(requestParts))
		return a.swept(known, parts, requestParts)
	}
	committed, err := a.rewrite(ctx, cands, requests)
	a.cfg.Logger.Debug("erasure sweep", "leads", len(cands), "requests", len(requests), "committed", committed, "err", err)
	switch {
	case err != nil || ctx.Err() != nil:
	case committed:
		a.sweep.done()
		a.compactErased(ctx, requests, cands)
		return a.swept(known, parts, requestParts)
	default:
		a.sweep.later(parts)
		a.scrub.later(requestParts)
	}
	return err
}

// swept records, with the state of each partition swept, how many
// erasures it has been swept against, so a restore sweeps only the
// partitions an erasure has not reached (see due).
func (a *Aggregator) swept(known int, leads, requests map[int32]bool) error {
	for sp, parts := range map[statestore.Space]map[int32]bool{spaceLeads: leads, spaceRequests: requests} {
		for p := range parts {
			if !a.states.owns(sp, p) {
				continue
			}
			if err := a.states.db.SetMark(sp, p, uint64(known)); err != nil {
				return err
			}
		}
	}
	return nil
}

// due lists the partitions of sp, among those given, whose state has not
// been swept against every erasure known: their previous owner may have
// stopped before it rewrote them.
func (a *Aggregator) due(sp statestore.Space, parts []int32) ([]int32, error) {
	var out []int32
	known := uint64(a.erased.Len())
	for _, p := range parts {
		n, err := a.states.db.Mark(sp, p)
		if err != nil {
			return nil, err
		}
		if n < known {
			out = append(out, p)
		}
	}
	return out, nil
}

// candidate is a lead that may name an erased person.
type candidate = keyed[*leadState]

// erasedCandidates lists the leads of the owned partitions of parts whose
// company is erased or whose results name an erased person, least
// recently touched first. It reads every lead state of those partitions
// from the store: erasures are rare.
func (a *Aggregator) erasedCandidates(parts map[int32]bool) ([]candidate, error) {
	out, err := collectOwned(a.states, spaceLeads, parts, unmarshalLeadState, func(key string, s *leadState) (bool, error) {
		return a.namesErased(key, s), nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(x, y candidate) int {
		return cmp.Or(x.state.Touched.Compare(y.state.Touched), strings.Compare(x.key, y.key))
	})
	return out, nil
}

// namesErased says whether the state of key holds results of an erased
// company, or holds a written lead and one of the results it is built
// from names a person an erasure removes from it. Every lead naming an
// erased person passes: a merged person bears the name of one of its
// mentions.
func (a *Aggregator) namesErased(key string, s *leadState) bool {
	if len(s.Used) > 0 && a.erased.Company(key) {
		return true
	}
	if s.Hash == "" {
		return false
	}
	for _, p := range s.Used {
		for _, x := range s.decoded[p].Executives {
			if a.erased.Erases(key, x) {
				return true
			}
		}
	}
	return false
}

// rewrite emits the new version of each candidate lead that changes under
// the erasures, and its state without the erased, and the state of each
// request naming an erased person without them, in one transaction.
func (a *Aggregator) rewrite(ctx context.Context, cands []candidate, requests []scrubbed) (bool, error) {
	if err := a.sess.Begin(); err != nil {
		return false, fmt.Errorf("%w: begin: %w", errTxn, err)
	}
	tx := newTxn(a, ctx)
	for _, r := range requests {
		tx.rescrubbed(r)
	}
	for _, c := range cands {
		s := c.state.clone()
		fx, err := tx.leadEffects(c.key, s, nil, nil) // an erasure is no change to describe
		if err != nil {
			tx.fail(err)
			break
		}
		tx.stagedLeads[c.key] = s
		tx.write(nil, fx)
	}
	committed, err := a.finish(ctx, tx, "erasure rewrite")
	if committed && len(tx.emitted) > 0 {
		a.cfg.Logger.Info("leads rewritten after a person erasure", "leads", len(tx.emitted))
	}
	return committed, err
}
