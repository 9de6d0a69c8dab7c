package status

import (
	"context"
	"fmt"
	"maps"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/twmb/franz-go/pkg/kgo"
)

// readWaiting reads the aggregator's state changelog to its stable end,
// keeping the latest record of each request, and counts the requests
// still waiting by the provider they wait for: what the aggregator
// members hold now, as of their last committed batch.
func readWaiting(ctx context.Context, cl *kgo.Client, topic string) (map[string]aggregator.ProviderWait, error) {
	r := stableread.Reader{Client: cl}
	spans, err := r.All(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", topic, err)
	}
	waits := map[int32]map[string]aggregator.Waiting{}
	_, err = r.Read(ctx, topic, spans, func(rec *kgo.Record) error {
		return keep(waits, rec)
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", topic, err)
	}
	return aggregator.CountWaiting(func(yield func(aggregator.Waiting) bool) {
		for _, byID := range waits {
			for w := range maps.Values(byID) {
				if !yield(w) {
					return
				}
			}
		}
	}), nil
}

// keep notes what rec's request waits for, replacing its earlier record;
// a request answered by every provider, or erased, waits for nothing.
func keep(waits map[int32]map[string]aggregator.Waiting, rec *kgo.Record) error {
	w, ok, err := aggregator.WaitingOf(rec.Value)
	if err != nil {
		return fmt.Errorf("partition %d offset %d: %w", rec.Partition, rec.Offset, err)
	}
	byID := waits[rec.Partition]
	if !ok {
		delete(byID, string(rec.Key))
		return nil
	}
	if byID == nil {
		byID = map[string]aggregator.Waiting{}
		waits[rec.Partition] = byID
	}
	byID[string(rec.Key)] = w
	return nil
}
