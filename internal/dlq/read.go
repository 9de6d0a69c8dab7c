package dlq

import (
	"context"
	"errors"
	"fmt"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Read calls fn with every record of topic that f matches, in offset order
// within a partition, from the start of the topic to the stable end it
// had when Read began, then returns; records written meanwhile (a replay
// that fails again, say) are left for the next read. fn returning false
// stops the read early. Only the partitions and offsets f can match are
// fetched, read_committed.
func Read(ctx context.Context, opts []kgo.Opt, topic string, f Filter, fn func(Letter) bool) error {
	err := readTopic(ctx, opts, topic, f, func(r *kgo.Record) error {
		if f.Match(r) && !fn(Parse(r)) {
			return errStopped
		}
		return nil
	})
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

// readTopic calls fn with every record of topic f can match, up to the
// stable end it had when the read began; an error from fn ends the read.
func readTopic(ctx context.Context, opts []kgo.Opt, topic string, f Filter, fn func(*kgo.Record) error) error {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("read %s: %w", topic, err)
	}
	defer cl.Close()
	spans, err := spansOf(ctx, cl, topic, f)
	if err != nil || len(spans) == 0 {
		return err
	}
	_, err = stableread.Reader{Client: cl}.Read(ctx, topic, spans, fn)
	return err
}

// errStopped ends a read the callback stopped.
var errStopped = errors.New("read stopped")

// spansOf lists, per partition of topic, the offsets f can match between
// the log start and the stable end.
func spansOf(ctx context.Context, cl *kgo.Client, topic string, f Filter) (map[int32]stableread.Span, error) {
	adm := kadm.NewClient(cl)
	starts, err := listed(adm.ListStartOffsets(ctx, topic))
	if err != nil {
		return nil, fmt.Errorf("list start offsets of %s: %w", topic, err)
	}
	ends, err := listed(adm.ListCommittedOffsets(ctx, topic))
	if err != nil {
		return nil, fmt.Errorf("list end offsets of %s: %w", topic, err)
	}
	if _, ok := ends.Lookup(topic, f.Partition); f.Partition >= 0 && !ok {
		return nil, fmt.Errorf("%s has no partition %d", topic, f.Partition)
	}
	spans := map[int32]stableread.Span{}
	ends.Each(func(e kadm.ListedOffset) {
		s, _ := starts.Lookup(topic, e.Partition)
		if from, end := f.clip(e.Partition, s.Offset, e.Offset); from < end {
			spans[e.Partition] = stableread.Span{From: from, To: end}
		}
	})
	return spans, nil
}

func listed(l kadm.ListedOffsets, err error) (kadm.ListedOffsets, error) {
	if err == nil {
		err = l.Error()
	}
	return l, err
}
