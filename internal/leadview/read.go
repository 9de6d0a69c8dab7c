// Package leadview reads enriched leads from Kafka and shows them as a
// table or JSON lines, for `leadgen leads` and `leadgen dev`.
package leadview

import (
	"context"
	"fmt"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Event is one record of the leads topic: a lead version, or a tombstone
// (Lead nil) erasing Key.
type Event struct {
	Key  string
	Lead *schemas.EnrichedLead
}

// Read calls fn for every committed record of topic from the start. Without
// follow it stops at the end the topic had when Read began; with follow it
// goes on until ctx ends. An undecodable record is an error naming its
// offset.
func Read(ctx context.Context, opts []kgo.Opt, topic string, follow bool, fn func(Event)) error {
	cl, err := kgo.NewClient(append(append([]kgo.Opt{}, opts...),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.KeepControlRecords())...)
	if err != nil {
		return fmt.Errorf("leads reader: %w", err)
	}
	defer cl.Close()
	var ends map[int32]int64
	if !follow {
		if ends, err = stableEnds(ctx, cl, topic); err != nil {
			return err
		}
	}
	for follow || len(ends) > 0 {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err := fetches.Err0(); err != nil {
			return fmt.Errorf("read %s: %w", topic, err)
		}
		if err := each(fetches, ends, fn); err != nil {
			return err
		}
	}
	return nil
}

func each(fetches kgo.Fetches, ends map[int32]int64, fn func(Event)) error {
	var err error
	fetches.EachRecord(func(r *kgo.Record) {
		if end, ok := ends[r.Partition]; ok && r.Offset+1 >= end {
			delete(ends, r.Partition)
		}
		if err != nil || r.Attrs.IsControl() {
			return
		}
		ev := Event{Key: string(r.Key)}
		if r.Value != nil {
			lead, derr := schemas.DecodeEnrichedLead(r.Value)
			if derr != nil {
				err = fmt.Errorf("%s[%d] offset %d: %w", r.Topic, r.Partition, r.Offset, derr)
				return
			}
			ev.Lead = lead
		}
		fn(ev)
	})
	return err
}

func stableEnds(ctx context.Context, cl *kgo.Client, topic string) (map[int32]int64, error) {
	listed, err := kadm.NewClient(cl).ListCommittedOffsets(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("list end offsets of %s: %w", topic, err)
	}
	if err := listed.Error(); err != nil {
		return nil, fmt.Errorf("list end offsets of %s: %w", topic, err)
	}
	ends := map[int32]int64{}
	listed.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			ends[o.Partition] = o.Offset
		}
	})
	return ends, nil
}
