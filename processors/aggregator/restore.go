package aggregator

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/stableread"
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

// restoreAssigned restores the state of newly owned partitions, of both
// stages, from their changelogs. It runs after the group's stable offsets
// are fetched and before any record is fetched, so the state matches
// those offsets.
func (a *Aggregator) restoreAssigned(ctx context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
	n := a.cfg.Names
	requests, leads := partitionsOf(offsets[n.Results()]), partitionsOf(offsets[n.LeadResults()])
	if len(requests)+len(leads) == 0 {
		return offsets, nil
	}
	start := time.Now()
	restored, err := restore(ctx, a, n.AggregatorState(), requests, unmarshalEntry)
	var restoredLeads map[int32]map[string]*leadState
	if err == nil {
		restoredLeads, err = restore(ctx, a, n.LeadState(), leads, unmarshalLeadState)
	}
	seeded := 0
	if err == nil {
		seeded, err = a.seed(ctx, leads, restoredLeads)
	}
	if err != nil {
		if ctx.Err() == nil {
			a.cfg.Logger.Error("restore aggregator state failed", "partitions", requests, "lead_partitions", leads, "err", err)
			a.fail(fmt.Errorf("restore aggregator state of partitions %v, lead partitions %v: %w", requests, leads, err))
		}
		return offsets, err
	}
	a.mu.Lock()
	nreq, nlead := 0, 0
	for _, id := range requests {
		a.state[id] = restored[id]
		a.waiting.restore(id, restored[id])
		nreq += len(restored[id])
	}
	for _, id := range leads {
		a.leads[id] = restoredLeads[id]
		nlead += len(restoredLeads[id])
	}
	a.mu.Unlock()
	a.sweep.mark(leads...) // a predecessor may have stopped before rewriting leads after an erasure
	a.cfg.Logger.Info("aggregator state restored", "partitions", requests, "requests", nreq, "lead_partitions", leads, "leads", nlead, "versions_seeded", seeded,
		"took", time.Since(start).Round(time.Millisecond).String())
	return offsets, nil
}

func partitionsOf(offsets map[int32]kgo.Offset) []int32 {
	ids := make([]int32, 0, len(offsets))
	for id := range offsets {
		ids = append(ids, id)
	}
	return ids
}

// dropped forgets the state of partitions another member now owns.
func (a *Aggregator) dropped(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, id := range parts[a.cfg.Names.Results()] {
		delete(a.state, id)
	}
	for _, id := range parts[a.cfg.Names.LeadResults()] {
		delete(a.leads, id)
	}
	a.waiting.drop(parts[a.cfg.Names.Results()]...)
}

// seed adds the versions of leads without lead state (see seedVersions),
// with a client of its own like restore.
func (a *Aggregator) seed(ctx context.Context, ids []int32, restored map[int32]map[string]*leadState) (int, error) {
	cl, err := kgo.NewClient(a.opts...)
	if err != nil {
		return 0, fmt.Errorf("lead versions reader: %w", err)
	}
	defer cl.Close()
	return seedVersions(ctx, cl, a.cfg.Names, ids, restored)
}

// restore reads the partitions ids of a changelog from the start to their
// last stable offset, keeping the latest state per key.
func restore[S any](ctx context.Context, a *Aggregator, topic string, ids []int32, decode func([]byte) (S, error)) (map[int32]map[string]S, error) {
	out := map[int32]map[string]S{}
	if len(ids) == 0 {
		return out, nil
	}
	spans := map[int32]stableread.Span{}
	for _, id := range ids {
		out[id] = map[string]S{}
		spans[id] = stableread.Span{From: 0, To: stableread.ToStableEnd}
	}
	// A client of its own: this runs inside the session's assignment, and
	// the session may be new.
	cl, err := kgo.NewClient(a.opts...)
	if err != nil {
		return nil, fmt.Errorf("state reader: %w", err)
	}
	defer cl.Close()
	reader := stableread.Reader{Client: cl}
	_, err = reader.Read(ctx, topic, spans, func(r *kgo.Record) error {
		if r.Value == nil {
			delete(out[r.Partition], string(r.Key))
			return nil
		}
		s, err := decode(r.Value)
		if err != nil {
			return fmt.Errorf("%s partition %d offset %d: %w", topic, r.Partition, r.Offset, err)
		}
		out[r.Partition][string(r.Key)] = s
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read state %s: %w", topic, err)
	}
	return out, nil
}
