// Package leadview reads enriched leads, and what changed between their
// versions, from Kafka and shows them as a table or JSON lines, for
// `leadgen leads` and `leadgen dev`.
package leadview

import (
	"context"
	"fmt"
	"slices"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Event is one record of the leads topic: a lead version, or a tombstone
// (Lead nil) erasing Key.
type Event struct {
	Key  string
	Lead *schemas.EnrichedLead
}

// Read calls fn for every committed record of topic from the start. Without
// follow it stops at the stable end each partition had when Read reached
// it; with follow it goes on with new records until ctx ends. An
// undecodable record is an error naming its offset.
func Read(ctx context.Context, opts []kgo.Opt, topic string, follow bool, fn func(Event)) error {
	return readTopic(ctx, opts, topic, follow, func(r *kgo.Record) error { return deliver(r, fn) })
}

// readTopic hands every committed record of topic to each, from the start
// to the stable ends and then, with follow, on until ctx ends.
func readTopic(ctx context.Context, opts []kgo.Opt, topic string, follow bool, each func(*kgo.Record) error) error {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("%s reader: %w", topic, err)
	}
	defer cl.Close()
	reader := stableread.Reader{Client: cl}
	spans, err := reader.All(ctx, topic)
	if err != nil {
		return err
	}
	ends, err := reader.Read(ctx, topic, spans, each)
	if err != nil || !follow {
		return err
	}
	return followFrom(ctx, opts, topic, ends, each)
}

// followFrom reads the committed records written after ends until ctx
// ends.
func followFrom(ctx context.Context, opts []kgo.Opt, topic string, ends map[int32]stableread.End, each func(*kgo.Record) error) error {
	committed := append(slices.Clone(opts), kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	return stableread.Follow(ctx, committed, topic, ends, func(fetches kgo.Fetches) error {
		if err := fetches.Err0(); err != nil {
			return fmt.Errorf("read %s: %w", topic, err)
		}
		var err error
		fetches.EachRecord(func(r *kgo.Record) {
			if err == nil {
				err = each(r)
			}
		})
		return err
	})
}

// deliver decodes r and hands it to fn.
func deliver(r *kgo.Record, fn func(Event)) error {
	ev := Event{Key: string(r.Key)}
	if r.Value != nil {
		lead, err := schemas.DecodeEnrichedLead(r.Value)
		if err != nil {
			return fmt.Errorf("%s[%d] offset %d: %w", r.Topic, r.Partition, r.Offset, err)
		}
		ev.Lead = lead
	}
	fn(ev)
	return nil
}
