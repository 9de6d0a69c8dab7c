package erasure

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Follow reads topic from the start into s and keeps reading new erasures
// until ctx ends. Erasures are never undone, so tombstones are ignored.
func (s *Set) Follow(ctx context.Context, opts []kgo.Opt, topic string) error {
	cl, err := kgo.NewClient(append(append([]kgo.Opt{}, opts...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))...)
	if err != nil {
		return fmt.Errorf("erasure reader: %w", err)
	}
	defer cl.Close()
	ends, err := kadm.NewClient(cl).ListEndOffsets(ctx, topic)
	if err != nil {
		return fmt.Errorf("list erasures: %w", err)
	}
	behind := map[int32]int64{}
	ends.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			behind[o.Partition] = o.Offset
		}
	})
	s.markReady(behind)
	for {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil
		}
		fetches.EachRecord(func(r *kgo.Record) {
			if r.Value != nil {
				s.add(string(r.Key))
			}
			if end, ok := behind[r.Partition]; ok && r.Offset+1 >= end {
				delete(behind, r.Partition)
				s.markReady(behind)
			}
		})
	}
}

func (s *Set) markReady(behind map[int32]int64) {
	if len(behind) == 0 {
		select {
		case <-s.ready:
		default:
			close(s.ready)
		}
	}
}
