package erasure

import (
	"context"
	"fmt"
	"slices"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Follow reads topic from the start into s, marks s ready, and keeps
// reading new erasures until ctx ends. Erasures are never undone, so
// tombstones are ignored.
func (s *Set) Follow(ctx context.Context, opts []kgo.Opt, topic string) error {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("erasure reader: %w", err)
	}
	reader := stableread.Reader{Client: cl}
	spans, err := reader.All(ctx, topic)
	if err == nil {
		var ends map[int32]stableread.End
		ends, err = reader.Read(ctx, topic, spans, func(r *kgo.Record) error { s.record(r); return nil })
		spans = nextSpans(ends)
	}
	cl.Close()
	if err != nil {
		return fmt.Errorf("read erasures: %w", err)
	}
	s.markReady()
	return s.follow(ctx, opts, topic, spans)
}

func nextSpans(ends map[int32]stableread.End) map[int32]stableread.Span {
	spans := map[int32]stableread.Span{}
	for p, e := range ends {
		spans[p] = stableread.Span{From: e.Next}
	}
	return spans
}

// follow reads the erasures written after spans' starts until ctx ends.
func (s *Set) follow(ctx context.Context, opts []kgo.Opt, topic string, spans map[int32]stableread.Span) error {
	from := map[int32]kgo.Offset{}
	for p, sp := range spans {
		from[p] = kgo.NewOffset().At(sp.From)
	}
	cl, err := kgo.NewClient(append(slices.Clone(opts),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: from}))...)
	if err != nil {
		return fmt.Errorf("erasure reader: %w", err)
	}
	defer cl.Close()
	for {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil
		}
		fetches.EachRecord(s.record)
	}
}

// record adds one recorded erasure and tells the OnPerson callback about a
// new person erasure.
func (s *Set) record(r *kgo.Record) {
	if r.Value == nil {
		return
	}
	e, ok := decode(r.Key, r.Value)
	if ok && s.Add(e) && e.Kind == Person && s.onPerson != nil {
		s.onPerson(e)
	}
}

// markReady tells waiters the set holds every erasure recorded so far.
func (s *Set) markReady() {
	select {
	case <-s.ready:
	default:
		close(s.ready)
	}
}
