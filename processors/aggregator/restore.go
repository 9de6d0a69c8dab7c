package aggregator

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// statePartitioner sends changelog records to the partition the caller set
// (the input partition they belong to) and everything else by key hash.
func statePartitioner(stateTopics ...string) kgo.Partitioner {
	return kgo.BasicConsistentPartitioner(func(topic string) func(*kgo.Record, int) int {
		if slices.Contains(stateTopics, topic) {
			return func(r *kgo.Record, _ int) int { return int(r.Partition) }
		}
		hash := kgo.StickyKeyPartitioner(nil).ForTopic(topic)
		return func(r *kgo.Record, n int) int { return hash.Partition(r, n) }
	})
}

// checkPartitions refuses to start when a changelog cannot mirror its
// input topic partition for partition.
func (a *Aggregator) checkPartitions(ctx context.Context) error {
	n := a.cfg.Names
	pairs := [][2]string{{n.Results(), n.AggregatorState()}, {n.LeadResults(), n.LeadState()}}
	details, err := kadm.NewClient(a.sess.Client()).ListTopics(ctx, n.Results(), n.AggregatorState(), n.LeadResults(), n.LeadState())
	if err != nil {
		return fmt.Errorf("describe aggregator topics: %w", err)
	}
	for _, p := range pairs {
		in, state := details[p[0]], details[p[1]]
		if in.Err != nil || state.Err != nil {
			return fmt.Errorf("aggregator topics %s, %s: %w (run leadgen topics apply)", p[0], p[1], firstErr(in.Err, state.Err))
		}
		if len(in.Partitions) != len(state.Partitions) {
			return fmt.Errorf("%w: %s has %d, %s has %d", errPartitionMismatch, p[0], len(in.Partitions), p[1], len(state.Partitions))
		}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// restoreAssigned brings the store's state of newly owned partitions, of
// both stages, up to their changelogs (replay.go). It runs after the
// group's stable offsets are fetched and before any record is fetched, so
// the state matches those offsets.
func (a *Aggregator) restoreAssigned(ctx context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
	n := a.cfg.Names
	requests, leads := partitionsOf(offsets[n.Results()]), partitionsOf(offsets[n.LeadResults()])
	if len(requests)+len(leads) == 0 {
		return offsets, nil
	}
	start := time.Now()
	sum, err := a.restore(ctx, requests, leads)
	if err != nil {
		if ctx.Err() == nil {
			a.cfg.Logger.Error("restore aggregator state failed", "partitions", requests, "lead_partitions", leads, "err", err)
			a.fail(fmt.Errorf("restore aggregator state of partitions %v, lead partitions %v: %w", requests, leads, err))
		}
		return offsets, err
	}
	if err := errors.Join(a.states.own(spaceRequests, true, false, requests...), a.states.own(spaceLeads, true, false, leads...)); err != nil {
		return offsets, err
	}
	// Once owned, an erasure that arrives marks them itself; one that came
	// before is counted now. A predecessor may have stopped before it
	// rewrote states after an erasure.
	if err := a.markDue(ctx, requests, leads, &sum); err != nil {
		return offsets, err
	}
	took := time.Since(start)
	a.cfg.Metrics.StateRestore.WithLabelValues(strconv.FormatBool(len(sum.rebuilt) > 0)).Observe(took.Seconds())
	a.cfg.Logger.Info("aggregator state restored", "partitions", requests, "lead_partitions", leads,
		"records_replayed", sum.replayed, "rebuilt", sum.rebuilt, "erasure_due", len(sum.dueRequests)+len(sum.dueLeads), "requests", a.states.keysOf(spaceRequests),
		"leads", a.states.keysOf(spaceLeads), "versions_seeded", sum.seeded, "took", took.Round(time.Millisecond).String())
	return offsets, nil
}

// restore replays both changelogs into the store for the partitions
// given, seeds lead versions where the lead stage was rebuilt, and
// restores the waits, with a client of its own: this runs inside the
// session's assignment, and the session may be new.
func (a *Aggregator) restore(ctx context.Context, requests, leads []int32) (restored, error) {
	var sum restored
	cl, err := kgo.NewClient(a.opts...)
	if err != nil {
		return sum, fmt.Errorf("state reader: %w", err)
	}
	defer cl.Close()
	n := a.cfg.Names
	if err := a.replayAll(ctx, cl, spaceRequests, n.AggregatorState(), requests, &sum); err != nil {
		return sum, err
	}
	rebuiltRequests := len(sum.rebuilt)
	if err := a.replayAll(ctx, cl, spaceLeads, n.LeadState(), leads, &sum); err != nil {
		return sum, err
	}
	if sum.seeded, err = a.seed(ctx, cl, sum.rebuilt[rebuiltRequests:], sum.unseeded); err != nil {
		return sum, err
	}
	for _, p := range requests {
		waits, err := a.storedWaits(p)
		if err != nil {
			return sum, err
		}
		a.waiting.restore(p, waits)
	}
	return sum, nil
}

// markDue makes due the partitions not yet swept against every erasure,
// once the erasure set holds every erasure recorded: the session may
// restore before the erasure reader has caught up.
func (a *Aggregator) markDue(ctx context.Context, requests, leads []int32, sum *restored) error {
	select {
	case <-a.erased.Ready():
	case <-ctx.Done():
		return ctx.Err()
	}
	var err error
	if sum.dueRequests, err = a.due(spaceRequests, requests); err != nil {
		return err
	}
	if sum.dueLeads, err = a.due(spaceLeads, leads); err != nil {
		return err
	}
	a.scrub.mark(sum.dueRequests...)
	a.sweep.mark(sum.dueLeads...)
	return nil
}

// restored sums a restore: records replayed, partitions rebuilt from the
// whole changelog (request partitions first), lead versions seeded, and
// the partitions due an erasure sweep.
type restored struct {
	replayed int
	rebuilt  []int32
	seeded   int
	// dueRequests and dueLeads are the partitions to sweep for erasures.
	dueRequests, dueLeads []int32
	// unseeded are the checkpoints of rebuilt lead partitions, written
	// with their seeds.
	unseeded []partitionCheckpoint
}

func partitionsOf(offsets map[int32]kgo.Offset) []int32 {
	ids := make([]int32, 0, len(offsets))
	for id := range offsets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// dropped stops applying state to partitions another member now owns and
// drops their state (see states.own), unless this process is closing its
// session: it then keeps them to restore from their checkpoints.
func (a *Aggregator) dropped(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
	keep := a.closing.Load()
	err := errors.Join(a.states.own(spaceRequests, false, keep, parts[a.cfg.Names.Results()]...),
		a.states.own(spaceLeads, false, keep, parts[a.cfg.Names.LeadResults()]...))
	if err != nil {
		a.fail(fmt.Errorf("drop the state of revoked partitions: %w", err))
	}
	a.waiting.drop(parts[a.cfg.Names.Results()]...)
}

// seed adds the versions of leads without lead state (see seedVersions)
// to the lead partitions ids, rebuilt from their whole changelog, in one
// batch with their checkpoints.
func (a *Aggregator) seed(ctx context.Context, cl *kgo.Client, ids []int32, checkpoints []partitionCheckpoint) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	seeds, err := seedVersions(ctx, cl, a.cfg.Names, ids, func(p int32, key string) (bool, error) {
		_, ok, err := a.states.db.Get(spaceLeads, p, key)
		return ok, err
	})
	if err != nil {
		return 0, err
	}
	b := a.states.db.Batch()
	added := map[int32]int64{}
	for _, s := range seeds {
		b.Put(spaceLeads, s.state.Partition, s.key, s.state.marshal())
		a.states.count(spaceLeads, s.state.Partition, 1)
		added[s.state.Partition]++
	}
	for _, c := range checkpoints {
		c.cp.Keys += added[c.p]
		b.SetCheckpoint(c.sp, c.p, c.cp)
	}
	return len(seeds), b.Commit()
}
