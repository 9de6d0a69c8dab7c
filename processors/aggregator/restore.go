package aggregator

import (
	"context"
	"fmt"
	"time"

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
		n += len(restored[id])
	}
	a.mu.Unlock()
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
}

// restore reads the changelog partitions from the start to their last
// stable offset, keeping the latest state per request.
func (a *Aggregator) restore(ctx context.Context, ids []int32) (map[int32]map[string]*entry, error) {
	out := map[int32]map[string]*entry{}
	for _, id := range ids {
		out[id] = map[string]*entry{}
	}
	topic := a.cfg.Names.AggregatorState()
	ends, err := a.stableEnds(ctx, topic, ids)
	if err != nil || len(ends) == 0 {
		return out, err
	}
	offsets := map[int32]kgo.Offset{}
	for id := range ends {
		offsets[id] = kgo.NewOffset().AtStart()
	}
	cl, err := kgo.NewClient(append(append([]kgo.Opt{}, a.opts...),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: offsets}),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		// Transaction markers are the last offsets of the changelog; seeing
		// them is how the reader knows it reached the stable end.
		kgo.KeepControlRecords())...)
	if err != nil {
		return nil, fmt.Errorf("state reader: %w", err)
	}
	defer cl.Close()
	return out, readState(ctx, cl, ends, out)
}

func readState(ctx context.Context, cl *kgo.Client, ends map[int32]int64, out map[int32]map[string]*entry) error {
	for len(ends) > 0 {
		fetches := cl.PollFetches(ctx)
		if err := fetches.Err0(); err != nil {
			return fmt.Errorf("read state: %w", err)
		}
		var err error
		fetches.EachRecord(func(r *kgo.Record) {
			if r.Offset+1 >= ends[r.Partition] {
				delete(ends, r.Partition)
			}
			if err != nil || r.Attrs.IsControl() {
				return
			}
			if r.Value == nil {
				delete(out[r.Partition], string(r.Key))
				return
			}
			e, uerr := unmarshalEntry(r.Value)
			if uerr != nil {
				err = fmt.Errorf("partition %d offset %d: %w", r.Partition, r.Offset, uerr)
				return
			}
			out[r.Partition][string(r.Key)] = e
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// stableEnds lists the last stable offsets of the given partitions that
// hold any records.
func (a *Aggregator) stableEnds(ctx context.Context, topic string, ids []int32) (map[int32]int64, error) {
	listed, err := kadm.NewClient(a.sess.Client()).ListCommittedOffsets(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("list state offsets: %w", err)
	}
	ends := map[int32]int64{}
	for _, id := range ids {
		o, ok := listed.Lookup(topic, id)
		if !ok || o.Err != nil {
			return nil, fmt.Errorf("state partition %d: not found (run leadgen topics apply)", id)
		}
		if o.Offset > 0 {
			ends[id] = o.Offset
		}
	}
	return ends, nil
}
