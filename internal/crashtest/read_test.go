//go:build crash

package crashtest

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// kafka is the suite's own view of the cluster: an admin client and a
// stableread reader, which stops at each partition's last stable offset
// even where no visible record sits just below it.
type kafka struct {
	cl  *kgo.Client
	adm *kadm.Client
}

func newKafka(brokers string) (*kafka, error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers), kgo.ClientID("leadgen-crashtest-reader"))
	if err != nil {
		return nil, err
	}
	return &kafka{cl: cl, adm: kadm.NewClient(cl)}, nil
}

func (k *kafka) Close() { k.cl.Close() }

// topicRead is a topic's records visible to read_committed readers, in
// partition then offset order, and where each partition's stable end was.
type topicRead struct {
	Records []*kgo.Record
	Ends    map[int32]int64 // last stable offset per partition when read
	HWMs    map[int32]int64 // high watermark per partition when read
}

// readCommitted reads every committed record of topic up to each
// partition's last stable offset. Transaction markers are dropped.
func (k *kafka) readCommitted(ctx context.Context, topic string) (*topicRead, error) {
	return k.readCommittedFrom(ctx, topic, nil)
}

// readCommittedFrom is readCommitted from the given offsets (0 for a
// partition not in from).
func (k *kafka) readCommittedFrom(ctx context.Context, topic string, from map[int32]int64) (*topicRead, error) {
	recs, ends, err := k.read(ctx, stableread.Reader{Client: k.cl}, topic, from)
	if err != nil {
		return nil, err
	}
	out := &topicRead{Records: recs, Ends: map[int32]int64{}, HWMs: map[int32]int64{}}
	for p, e := range ends {
		out.Ends[p], out.HWMs[p] = e.Stable, e.HighWatermark
	}
	return out, nil
}

// read reads every partition of topic from from (0 where absent) to its
// end with r.
func (k *kafka) read(ctx context.Context, r stableread.Reader, topic string, from map[int32]int64) ([]*kgo.Record, map[int32]stableread.End, error) {
	spans, err := r.All(ctx, topic)
	if err != nil {
		return nil, nil, err
	}
	for p := range spans {
		spans[p] = stableread.Span{From: from[p], To: stableread.ToStableEnd}
	}
	var recs []*kgo.Record
	ends, err := r.Read(ctx, topic, spans, func(rec *kgo.Record) error { recs = append(recs, rec); return nil })
	return recs, ends, err
}

// committed returns a group's committed offsets (0 where none).
func (k *kafka) committed(ctx context.Context, group string) (map[string]map[int32]int64, error) {
	resp, err := k.adm.FetchOffsets(ctx, group)
	if err != nil {
		return nil, fmt.Errorf("offsets of group %s: %w", group, err)
	}
	if err := resp.Error(); err != nil {
		return nil, fmt.Errorf("offsets of group %s: %w", group, err)
	}
	out := map[string]map[int32]int64{}
	resp.Each(func(o kadm.OffsetResponse) {
		if out[o.Topic] == nil {
			out[o.Topic] = map[int32]int64{}
		}
		out[o.Topic][o.Partition] = o.At
	})
	return out, nil
}

// header returns the value of a record header.
func header(r *kgo.Record, key string) string {
	for _, h := range r.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// tails describes, for each partition of topic, what a read_committed
// reader that keeps transaction markers sees: the stable end, the last
// offset it can see, and the records in between, which it never sees.
func (k *kafka) tails(ctx context.Context, topic string) ([]string, error) {
	committed, ends, err := k.read(ctx, stableread.Reader{Client: k.cl, Markers: true}, topic, nil)
	if err != nil {
		return nil, err
	}
	all, _, err := k.read(ctx, stableread.Reader{Client: k.cl, Markers: true, Uncommitted: true}, topic, nil)
	if err != nil {
		return nil, err
	}
	lastVisible := map[int32]int64{}
	for _, r := range committed {
		lastVisible[r.Partition] = r.Offset
	}
	hidden := map[int32][]string{}
	for _, r := range all {
		last, ok := lastVisible[r.Partition]
		if (!ok || r.Offset > last) && r.Offset < ends[r.Partition].Stable {
			kind := "data"
			if r.Attrs.IsControl() {
				kind = "marker"
			}
			hidden[r.Partition] = append(hidden[r.Partition], fmt.Sprintf("@%d %s txn=%t pid=%d epoch=%d", r.Offset, kind, r.Attrs.IsTransactional(), r.ProducerID, r.ProducerEpoch))
		}
	}
	var out []string
	for _, p := range slices.Sorted(maps.Keys(ends)) {
		last, ok := lastVisible[p]
		if !ok {
			last = -1
		}
		line := fmt.Sprintf("%s/%d: hwm %d, last stable offset %d, last offset visible to read_committed %d", topic, p, ends[p].HighWatermark, ends[p].Stable, last)
		if len(hidden[p]) > 0 {
			line += fmt.Sprintf("; below the stable end but never visible: %v", hidden[p])
		}
		out = append(out, line)
	}
	return out, nil
}
