package dlq

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// span is the offsets [from, end) still to read from one partition.
type span struct{ from, end int64 }

// Read calls fn with every record of topic that f matches, in offset order
// within a partition, from the start of the topic to the committed end it
// had when Read began, then returns; records written meanwhile (a replay
// that fails again, say) are left for the next read. fn returning false
// stops the read early. Only the partitions and offsets f can match are
// fetched.
//
// Reads are read_committed and keep control records: a transaction marker
// may be the last offset below the end, and seeing it is how the read
// knows it has reached the end.
func Read(ctx context.Context, opts []kgo.Opt, topic string, f Filter, fn func(Letter) bool) error {
	spans, err := spansOf(ctx, opts, topic, f)
	if err != nil || len(spans) == 0 {
		return err
	}
	starts := map[int32]kgo.Offset{}
	for p, s := range spans {
		starts[p] = kgo.NewOffset().At(s.from)
	}
	cl, err := kgo.NewClient(append(slices.Clone(opts),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: starts}),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.KeepControlRecords())...)
	if err != nil {
		return fmt.Errorf("dlq reader: %w", err)
	}
	defer cl.Close()
	for len(spans) > 0 {
		fetches := cl.PollFetches(ctx)
		if err := fetchErr(ctx, topic, fetches); err != nil {
			return err
		}
		if !deliver(fetches, spans, f, fn) {
			return nil
		}
	}
	return nil
}

// spansOf lists, per partition of topic, the offsets f can match between
// the log start and the committed end.
func spansOf(ctx context.Context, opts []kgo.Opt, topic string, f Filter) (map[int32]span, error) {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("dlq admin client: %w", err)
	}
	defer cl.Close()
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
	spans := map[int32]span{}
	ends.Each(func(e kadm.ListedOffset) {
		s, _ := starts.Lookup(topic, e.Partition)
		if from, end := f.clip(e.Partition, s.Offset, e.Offset); from < end {
			spans[e.Partition] = span{from, end}
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

// fetchErr is the first fatal error of a poll. Data loss (records removed
// by retention while we read) is not fatal: the read goes on from what is
// left.
func fetchErr(ctx context.Context, topic string, fetches kgo.Fetches) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("read %s: %w", topic, err)
	}
	for _, fe := range fetches.Errors() {
		var loss *kgo.ErrDataLoss
		if !errors.As(fe.Err, &loss) {
			return fmt.Errorf("read %s[%d]: %w", fe.Topic, fe.Partition, fe.Err)
		}
	}
	return nil
}

// deliver hands the matching records of fetches to fn and retires each
// partition whose span is read. It returns false when fn asked to stop.
func deliver(fetches kgo.Fetches, spans map[int32]span, f Filter, fn func(Letter) bool) bool {
	more := true
	fetches.EachRecord(func(r *kgo.Record) {
		s, ok := spans[r.Partition]
		if !more || !ok {
			return
		}
		if r.Offset+1 >= s.end {
			delete(spans, r.Partition)
		}
		if r.Offset < s.end && f.Match(r) {
			more = fn(Parse(r))
		}
	})
	return more
}
