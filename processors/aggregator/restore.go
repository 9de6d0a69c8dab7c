package aggregator

import (
	"context"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// statePartitioner sends changelog records to the partition the caller set
// (the results partition they belong to) and everything else by key hash.
func statePartitioner(stateTopic string) kgo.Partitioner {
	return kgo.BasicConsistentPartitioner(func(topic string) func(*kgo.Record, int) int {
		if topic == stateTopic {
			return func(r *kgo.Record, _ int) int { return int(r.Partition) }
		}
		hash := kgo.StickyKeyPartitioner(nil).ForTopic(topic)
		return func(r *kgo.Record, n int) int { return hash.Partition(r, n) }
	})
}

// checkPartitions refuses to start when the changelog cannot mirror the
// results topic partition for partition.
func (a *Aggregator) checkPartitions(ctx context.Context) error {
	n := a.cfg.Names
	details, err := kadm.NewClient(a.sess.Client()).ListTopics(ctx, n.Results(), n.AggregatorState())
	if err != nil {
		return fmt.Errorf("describe aggregator topics: %w", err)
	}
	results, state := details[n.Results()], details[n.AggregatorState()]
	if results.Err != nil || state.Err != nil {
		return fmt.Errorf("aggregator topics %s, %s: %w (run leadgen topics apply)", n.Results(), n.AggregatorState(), firstErr(results.Err, state.Err))
	}
	if len(results.Partitions) != len(state.Partitions) {
		return fmt.Errorf("%w: %s has %d, %s has %d", errPartitionMismatch, n.Results(), len(results.Partitions), n.AggregatorState(), len(state.Partitions))
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

// restoreAssigned restores the state of newly owned results partitions
// from the changelog. It runs after the group's stable offsets are fetched
// and before any record is fetched, so the state matches those offsets.
func (a *Aggregator) restoreAssigned(ctx context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
	var ids []int32
	for id := range offsets[a.cfg.Names.Results()] {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return offsets, nil
	}
	start := time.Now()
	restored, err := a.restore(ctx, ids)
	if err != nil {
		if ctx.Err() == nil {
			a.cfg.Logger.Error("restore aggregator state failed", "partitions", ids, "err", err)
			a.fail(fmt.Errorf("restore aggregator state of partitions %v: %w", ids, err))
		}
		return offsets, err
	}
	a.mu.Lock()
	n := 0
	for _, id := range ids {
		a.state[id] = restored[id]
		a.waiting.restore(id, restored[id])
		n += len(restored[id])
	}
	a.mu.Unlock()
	a.sweep.mark(ids...) // a predecessor may have stopped before rewriting leads after an erasure
	a.cfg.Logger.Info("aggregator state restored", "partitions", ids, "requests", n, "took", time.Since(start).Round(time.Millisecond).String())
	return offsets, nil
}

// dropped forgets the state of partitions another member now owns.
func (a *Aggregator) dropped(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, id := range parts[a.cfg.Names.Results()] {
		delete(a.state, id)
	}
	a.waiting.drop(parts[a.cfg.Names.Results()]...)
}

// restore reads the changelog partitions from the start to their last
// stable offset, keeping the latest state per request.
func (a *Aggregator) restore(ctx context.Context, ids []int32) (map[int32]map[string]*entry, error) {
	out := map[int32]map[string]*entry{}
	spans := map[int32]stableread.Span{}
	for _, id := range ids {
		out[id] = map[string]*entry{}
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
	_, err = reader.Read(ctx, a.cfg.Names.AggregatorState(), spans, func(r *kgo.Record) error {
		if r.Value == nil {
			delete(out[r.Partition], string(r.Key))
			return nil
		}
		e, err := unmarshalEntry(r.Value)
		if err != nil {
			return fmt.Errorf("state partition %d offset %d: %w", r.Partition, r.Offset, err)
		}
		out[r.Partition][string(r.Key)] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	return out, nil
}
