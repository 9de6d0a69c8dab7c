package erasure

import (
	"context"
	"fmt"

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
	var ends map[int32]stableread.End
	if err == nil {
		ends, err = reader.Read(ctx, topic, spans, func(r *kgo.Record) error { s.record(r); return nil })
	}
	cl.Close()
	if err != nil {
		return fmt.Errorf("read erasures: %w", err)
	}
	s.markReady()
	err = stableread.Follow(ctx, opts, topic, ends, func(f kgo.Fetches) error { f.EachRecord(s.record); return nil })
	if err != nil {
		return fmt.Errorf("erasure reader: %w", err)
	}
	return nil
}

// record adds one recorded erasure and tells the OnNew callback about it
// when it is new.
func (s *Set) record(r *kgo.Record) {
	if r.Value == nil {
		return
	}
	e, ok := decode(r.Key, r.Value)
	if ok && s.Add(e) && s.onNew != nil {
		s.onNew(e)
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
