// Package stableread reads a topic's committed records up to each
// partition's last stable offset and knows when it got there.
//
// A read_committed consumer never sees a transaction's aborted records, and
// it need not see a record at the offset just below the stable end: the
// partition may end with an aborted transaction whose marker a crashed
// broker never wrote, or with a batch compaction emptied. A reader that
// waits for the record at "end - 1" then waits forever. stableread issues
// the Fetch requests itself and parses them with franz-go's own fetch
// parser, so it knows its position after every response, aborted and
// empty batches included, and stops there.
package stableread

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// ToStableEnd, as a Span's To, reads to the partition's last stable offset
// as the first fetch of that partition finds it.
const ToStableEnd = -1

// Span is the offsets [From, To) of one partition to read.
type Span struct {
	From, To int64
}

// End is where the read of one partition stopped: Next is the offset after
// the last one read, Stable the last stable offset and HighWatermark the
// high watermark of the partition's last fetch response.
type End struct {
	Next, Stable, HighWatermark int64
}

// Reader reads with Client, whose options (brokers, TLS, SASL) it uses; it
// sends no consumer options. Uncommitted reads to the high watermark
// instead, records of open and aborted transactions included. Markers
// hands transaction markers to the callback as well.
type Reader struct {
	Client      *kgo.Client
	Uncommitted bool
	Markers     bool
}

// errNoPartition is asking for a partition the topic does not have.
var errNoPartition = errors.New("no such partition")

// maxAttempts bounds how often one fetch is tried again after a retriable
// error (a leader move, a broker restarting).
const maxAttempts = 20

// Read calls fn with each record of the spans of topic, partition by
// partition in partition order, in offset order. fn returning an error stops the read with
// that error. A partition whose start retention removed is read from its
// log start.
func (r Reader) Read(ctx context.Context, topic string, spans map[int32]Span, fn func(*kgo.Record) error) (map[int32]End, error) {
	leaders, err := r.leaders(ctx, topic)
	if err != nil {
		return nil, err
	}
	ends := map[int32]End{}
	for _, p := range slices.Sorted(maps.Keys(spans)) {
		end, err := r.readPartition(ctx, topic, p, spans[p], leaders, fn)
		if err != nil {
			return nil, err
		}
		ends[p] = end
	}
	return ends, nil
}

// All is the span of every partition of topic from its start to its stable
// end.
func (r Reader) All(ctx context.Context, topic string) (map[int32]Span, error) {
	leaders, err := r.leaders(ctx, topic)
	if err != nil {
		return nil, err
	}
	spans := make(map[int32]Span, len(leaders.partitions))
	for p := range leaders.partitions {
		spans[p] = Span{From: 0, To: ToStableEnd}
	}
	return spans, nil
}

func (r Reader) readPartition(ctx context.Context, topic string, p int32, s Span, l *leaders, fn func(*kgo.Record) error) (End, error) {
	pos, to := s.From, s.To
	stuck := 0
	for {
		part, err := r.fetchRetrying(ctx, topic, p, pos, l)
		if err != nil {
			return End{}, fmt.Errorf("read %s[%d] at offset %d: %w", topic, p, pos, err)
		}
		if oerr := kerr.ErrorForCode(part.ErrorCode); errors.Is(oerr, kerr.OffsetOutOfRange) && part.LogStartOffset > pos {
			pos = part.LogStartOffset // retention removed the start
			continue
		}
		fp, next := kgo.ProcessFetchPartition(kgo.ProcessFetchPartitionOpts{
			Offset: pos, IsolationLevel: r.isolation(), Topic: topic, Partition: p, KeepControlRecords: r.Markers,
		}, part, kgo.DefaultDecompressor(), nil)
		if fp.Err != nil {
			return End{}, fmt.Errorf("read %s[%d] at offset %d: %w", topic, p, pos, fp.Err)
		}
		stable := part.LastStableOffset
		if stable < 0 || r.Uncommitted {
			stable = part.HighWatermark
		}
		if to == ToStableEnd {
			to = stable
		}
		to = min(to, stable)
		for _, rec := range fp.Records {
			if rec.Offset >= to {
				break
			}
			if err := fn(rec); err != nil {
				return End{}, err
			}
		}
		if next >= to {
			return End{Next: min(next, to), Stable: stable, HighWatermark: part.HighWatermark}, nil
		}
		if next == pos {
			if stuck++; stuck > maxAttempts {
				return End{}, fmt.Errorf("read %s[%d]: no progress at offset %d below the stable end %d", topic, p, pos, to)
			}
		} else {
			stuck = 0
		}
		pos = next
	}
}

// fetchRetrying is fetch, tried again with backoff (after a metadata
// refresh) while its error is retriable.
func (r Reader) fetchRetrying(ctx context.Context, topic string, p int32, pos int64, l *leaders) (*kmsg.FetchResponseTopicPartition, error) {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval = 100*time.Millisecond, 2*time.Second
	return backoff.Retry(ctx, func() (*kmsg.FetchResponseTopicPartition, error) {
		part, err := r.fetch(ctx, topic, p, pos, l)
		if err == nil {
			return part, nil
		}
		if !retriable(err) {
			return nil, backoff.Permanent(err)
		}
		if lerr := l.refresh(ctx, r.Client, topic); lerr != nil {
			return nil, errors.Join(err, lerr)
		}
		return nil, err
	}, backoff.WithBackOff(b), backoff.WithMaxTries(maxAttempts))
}

func (r Reader) isolation() kgo.IsolationLevel {
	if r.Uncommitted {
		return kgo.ReadUncommitted()
	}
	return kgo.ReadCommitted()
}

// fetch sends one Fetch request for one partition at pos, without waiting
// for new data, and returns the partition's part of the response; a
// partition error other than OFFSET_OUT_OF_RANGE is returned as the error.
func (r Reader) fetch(ctx context.Context, topic string, p int32, pos int64, l *leaders) (*kmsg.FetchResponseTopicPartition, error) {
	leader, ok := l.partitions[p]
	if !ok {
		return nil, fmt.Errorf("%w: %s has no partition %d", errNoPartition, topic, p)
	}
	req := kmsg.NewPtrFetchRequest()
	req.ReplicaID = -1
	req.MaxWaitMillis = 0
	req.MinBytes = 0
	req.MaxBytes = 32 << 20
	req.SessionEpoch = -1
	if !r.Uncommitted {
		req.IsolationLevel = 1
	}
	rt := kmsg.NewFetchRequestTopic()
	rt.Topic, rt.TopicID = topic, l.id
	rp := kmsg.NewFetchRequestTopicPartition()
	rp.Partition = p
	rp.FetchOffset = pos
	rp.PartitionMaxBytes = 8 << 20
	rp.CurrentLeaderEpoch = -1
	rp.LogStartOffset = -1
	rt.Partitions = append(rt.Partitions, rp)
	req.Topics = append(req.Topics, rt)
	resp, err := req.RequestWith(ctx, r.Client.Broker(int(leader)))
	if err != nil {
		return nil, err
	}
	if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
		return nil, err
	}
	if len(resp.Topics) != 1 || len(resp.Topics[0].Partitions) != 1 {
		return nil, fmt.Errorf("fetch response for %d topics, want one partition", len(resp.Topics))
	}
	part := &resp.Topics[0].Partitions[0]
	if err := kerr.ErrorForCode(part.ErrorCode); err != nil && !errors.Is(err, kerr.OffsetOutOfRange) {
		return nil, err
	}
	return part, nil
}

// retriable is true of errors another attempt may cure: a retriable Kafka
// error (a moved leader) or a broken connection.
func retriable(err error) bool {
	var ke *kerr.Error
	if errors.As(err, &ke) {
		return ke.Retriable
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, errNoPartition)
}
