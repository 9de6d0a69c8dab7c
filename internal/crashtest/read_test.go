//go:build crash

package crashtest

import (
	"context"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/kversion"
)

// kafka is the suite's own view of the cluster: an admin client and a raw
// reader. The reader issues Fetch requests itself, with isolation
// read_committed, so it sees exactly what a read_committed consumer sees
// (the broker's last stable offset and its list of aborted transactions,
// filtered by franz-go's own fetch parser) and also knows exactly where it
// is: it stops at the last stable offset instead of waiting for a record
// that may never come (a transaction the broker aborted when it crashed has
// no marker, so the offsets before the LSO need not end with a visible
// record).
type kafka struct {
	cl  *kgo.Client // Kafka 3.0 protocol: Fetch by topic name
	adm *kadm.Client
}

func newKafka(brokers string) (*kafka, error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers), kgo.MaxVersions(kversion.V3_0_0()),
		kgo.ClientID("leadgen-crashtest-reader"))
	if err != nil {
		return nil, err
	}
	return &kafka{cl: cl, adm: kadm.NewClient(cl)}, nil
}

func (k *kafka) Close() { k.cl.Close() }

// partitions returns each partition of topic with its leader.
func (k *kafka) partitions(ctx context.Context, topic string) (map[int32]int32, error) {
	td, err := k.adm.ListTopics(ctx, topic)
	if err != nil {
		return nil, err
	}
	d, ok := td[topic]
	if !ok || d.Err != nil {
		return nil, fmt.Errorf("topic %s: %v", topic, d.Err)
	}
	out := map[int32]int32{}
	for p, pd := range d.Partitions {
		if pd.Err != nil {
			return nil, fmt.Errorf("topic %s partition %d: %w", topic, p, pd.Err)
		}
		out[p] = pd.Leader
	}
	return out, nil
}

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
	parts, err := k.partitions(ctx, topic)
	if err != nil {
		return nil, err
	}
	out := &topicRead{Ends: map[int32]int64{}, HWMs: map[int32]int64{}}
	ids := make([]int32, 0, len(parts))
	for p := range parts {
		ids = append(ids, p)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, p := range ids {
		recs, lso, hwm, err := k.readPartition(ctx, topic, p, parts[p])
		if err != nil {
			return nil, err
		}
		out.Records = append(out.Records, recs...)
		out.Ends[p], out.HWMs[p] = lso, hwm
	}
	return out, nil
}

func (k *kafka) readPartition(ctx context.Context, topic string, p, leader int32) ([]*kgo.Record, int64, int64, error) {
	return k.readPartitionAs(ctx, topic, p, leader, 1, false)
}

// readPartitionAs reads with isolation 1 (read_committed, to the last
// stable offset) or 0 (read_uncommitted, to the high watermark), keeping
// transaction markers when markers is set.
func (k *kafka) readPartitionAs(ctx context.Context, topic string, p, leader int32, isolation int8, markers bool) ([]*kgo.Record, int64, int64, error) {
	var recs []*kgo.Record
	var pos int64
	stuck := 0
	for {
		req := kmsg.NewPtrFetchRequest()
		req.ReplicaID = -1
		req.MaxWaitMillis = 0
		req.MinBytes = 0
		req.MaxBytes = 64 << 20
		req.IsolationLevel = isolation
		req.SessionEpoch = -1
		rt := kmsg.NewFetchRequestTopic()
		rt.Topic = topic
		rp := kmsg.NewFetchRequestTopicPartition()
		rp.Partition = p
		rp.FetchOffset = pos
		rp.PartitionMaxBytes = 32 << 20
		rp.CurrentLeaderEpoch = -1
		rp.LogStartOffset = -1
		rt.Partitions = append(rt.Partitions, rp)
		req.Topics = append(req.Topics, rt)
		resp, err := req.RequestWith(ctx, k.cl.Broker(int(leader)))
		if err != nil {
			return nil, 0, 0, fmt.Errorf("fetch %s/%d at %d: %w", topic, p, pos, err)
		}
		if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
			return nil, 0, 0, fmt.Errorf("fetch %s/%d at %d: %w", topic, p, pos, err)
		}
		if len(resp.Topics) != 1 || len(resp.Topics[0].Partitions) != 1 {
			return nil, 0, 0, fmt.Errorf("fetch %s/%d: unexpected response shape", topic, p)
		}
		part := resp.Topics[0].Partitions[0]
		if err := kerr.ErrorForCode(part.ErrorCode); err != nil {
			if err == kerr.OffsetOutOfRange && pos == 0 && part.LogStartOffset > 0 {
				pos = part.LogStartOffset // retention removed the start
				continue
			}
			return nil, 0, 0, fmt.Errorf("fetch %s/%d at %d: %w", topic, p, pos, err)
		}
		level := kgo.ReadCommitted()
		if isolation == 0 {
			level = kgo.ReadUncommitted()
		}
		fp, next := kgo.ProcessFetchPartition(kgo.ProcessFetchPartitionOpts{
			Offset: pos, IsolationLevel: level, Topic: topic, Partition: p, KeepControlRecords: markers,
		}, &part, kgo.DefaultDecompressor(), nil)
		if fp.Err != nil {
			return nil, 0, 0, fmt.Errorf("parse %s/%d at %d: %w", topic, p, pos, fp.Err)
		}
		recs = append(recs, fp.Records...)
		lso := part.LastStableOffset
		if lso < 0 || isolation == 0 {
			lso = part.HighWatermark
		}
		if next >= lso {
			return recs, lso, part.HighWatermark, nil
		}
		if next == pos {
			if stuck++; stuck > 50 {
				return nil, 0, 0, fmt.Errorf("fetch %s/%d: no progress at offset %d below the stable end %d", topic, p, pos, lso)
			}
		} else {
			stuck = 0
		}
		pos = next
	}
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
// reader that keeps transaction markers and waits to see the record at
// offset LSO-1 (as the aggregator's state restore and leadgen leads do)
// faces: the stable end, the last offset it can see, and the records in
// between, which it never sees.
func (k *kafka) tails(ctx context.Context, topic string) ([]string, error) {
	parts, err := k.partitions(ctx, topic)
	if err != nil {
		return nil, err
	}
	var out []string
	for p := int32(0); p < int32(len(parts)); p++ {
		committed, lso, hwm, err := k.readPartitionAs(ctx, topic, p, parts[p], 1, true)
		if err != nil {
			return nil, err
		}
		all, _, _, err := k.readPartitionAs(ctx, topic, p, parts[p], 0, true)
		if err != nil {
			return nil, err
		}
		lastVisible := int64(-1)
		if n := len(committed); n > 0 {
			lastVisible = committed[n-1].Offset
		}
		line := fmt.Sprintf("%s/%d: hwm %d, last stable offset %d, last offset visible to read_committed %d", topic, p, hwm, lso, lastVisible)
		var hidden []string
		for _, r := range all {
			if r.Offset > lastVisible && r.Offset < lso {
				kind := "data"
				if r.Attrs.IsControl() {
					kind = "marker"
				}
				hidden = append(hidden, fmt.Sprintf("@%d %s txn=%t pid=%d epoch=%d", r.Offset, kind, r.Attrs.IsTransactional(), r.ProducerID, r.ProducerEpoch))
			}
		}
		if len(hidden) > 0 {
			line += fmt.Sprintf("; below the stable end but never visible: %v", hidden)
		}
		out = append(out, line)
	}
	return out, nil
}
