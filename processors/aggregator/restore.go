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

// assigned restores the state of newly owned results partitions from the
// changelog before any of their records are processed.
func (a *Aggregator) assigned(ctx context.Context, _ *kgo.Client, parts map[string][]int32) {
	ids := parts[a.cfg.Names.Results()]
	if len(ids) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	start := time.Now()
	n, err := a.restore(ctx, ids)
	if err != nil {
		// Without its state the aggregator would emit wrong leads; stop
		// and let the process restart rather than guess.
		a.cfg.Logger.Error("restore aggregator state failed", "partitions", ids, "err", err)
		panic(fmt.Sprintf("restore aggregator state: %v", err))
	}
	a.cfg.Logger.Info("aggregator state restored", "partitions", ids, "requests", n, "took", time.Since(start).Round(time.Millisecond).String())
}

// dropped forgets the state of partitions another member now owns.
func (a *Aggregator) dropped(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
	owned := map[int32]bool{}
	for _, id := range parts[a.cfg.Names.Results()] {
		owned[id] = true
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for id, e := range a.state {
		if owned[e.Partition] {
			delete(a.state, id)
		}
	}
}

// restore reads the changelog partitions from the start to their last
// stable offset, keeping the latest state per request.
func (a *Aggregator) restore(ctx context.Context, ids []int32) (int, error) {
	topic := a.cfg.Names.AggregatorState()
	ends, err := a.stableEnds(ctx, topic, ids)
	if err != nil || len(ends) == 0 {
		return 0, err
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
		return 0, fmt.Errorf("state reader: %w", err)
	}
	defer cl.Close()
	return a.readState(ctx, cl, ends)
}

func (a *Aggregator) readState(ctx context.Context, cl *kgo.Client, ends map[int32]int64) (int, error) {
	n := 0
	for len(ends) > 0 {
		fetches := cl.PollFetches(ctx)
		if err := fetches.Err0(); err != nil {
			return n, fmt.Errorf("read state: %w", err)
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
				delete(a.state, string(r.Key))
				return
			}
			e, uerr := unmarshalEntry(r.Value)
			if uerr != nil {
				err = fmt.Errorf("partition %d offset %d: %w", r.Partition, r.Offset, uerr)
				return
			}
			a.state[string(r.Key)] = e
			n++
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
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
