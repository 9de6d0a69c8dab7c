package embedded

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// cut is a transaction a crash left without its end: producer, epoch and
// the partitions it wrote to.
type cut struct {
	pid   int64
	epoch int16
	parts map[string][]int32
}

// repairCutTransactions ends, with an abort marker, every transaction that
// was open in dir's log when the broker was killed.
//
// kfake treats such a transaction as aborted when it loads the log but
// writes no marker. A read_committed consumer, told the transaction was
// aborted, skips the producer's records until it meets that producer's
// abort marker; with none, it skips every later transaction of the same
// producer on that partition too, committed ones included. The
// aggregator's changelog and the leads would lose everything written after
// the crash. The markers are written on a private listener before the
// broker takes clients, so each lands directly after its transaction.
func repairCutTransactions(ctx context.Context, dir string) (int, error) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DataDir(dir),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) { return net.Listen(network, "127.0.0.1:0") }))
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", dir, err)
	}
	defer c.Close() // flushes the markers to dir
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ClientID("leadgen-broker-repair"))
	if err != nil {
		return 0, err
	}
	defer cl.Close()
	cuts, err := findCuts(ctx, cl)
	if err != nil {
		return 0, fmt.Errorf("look for unfinished transactions in %s: %w", dir, err)
	}
	for _, ct := range cuts {
		if err := abort(ctx, cl, ct); err != nil {
			return 0, err
		}
	}
	return len(cuts), nil
}

// findCuts reads every partition, uncommitted, and lists the producers
// whose last transactional records have no marker after them.
func findCuts(ctx context.Context, cl *kgo.Client) ([]cut, error) {
	details, err := kadm.NewClient(cl).ListTopics(ctx)
	if err != nil {
		return nil, err
	}
	open := map[int64]*cut{}
	reader := stableread.Reader{Client: cl, Uncommitted: true, Markers: true}
	for _, topic := range details.Names() {
		spans, err := reader.All(ctx, topic)
		if err != nil {
			return nil, err
		}
		for p := range spans {
			openHere := map[int64]int16{}
			if _, err := reader.Read(ctx, topic, map[int32]stableread.Span{p: spans[p]}, func(r *kgo.Record) error {
				switch {
				case r.Attrs.IsControl():
					delete(openHere, r.ProducerID)
				case r.Attrs.IsTransactional():
					openHere[r.ProducerID] = r.ProducerEpoch
				}
				return nil
			}); err != nil {
				return nil, err
			}
			for pid, epoch := range openHere {
				ct := open[pid]
				if ct == nil {
					ct = &cut{pid: pid, epoch: epoch, parts: map[string][]int32{}}
					open[pid] = ct
				}
				ct.epoch = max(ct.epoch, epoch)
				ct.parts[topic] = append(ct.parts[topic], p)
			}
		}
	}
	out := make([]cut, 0, len(open))
	for _, ct := range open {
		out = append(out, *ct)
	}
	return out, nil
}

// abort writes ct's abort markers.
func abort(ctx context.Context, cl *kgo.Client, ct cut) error {
	req := kmsg.NewPtrWriteTxnMarkersRequest()
	m := kmsg.NewWriteTxnMarkersRequestMarker()
	m.ProducerID, m.ProducerEpoch, m.Committed = ct.pid, ct.epoch, false
	for topic, parts := range ct.parts {
		t := kmsg.NewWriteTxnMarkersRequestMarkerTopic()
		t.Topic, t.Partitions = topic, parts
		m.Topics = append(m.Topics, t)
	}
	req.Markers = append(req.Markers, m)
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return fmt.Errorf("abort the unfinished transaction of producer %d: %w", ct.pid, err)
	}
	var errs []error
	for _, rm := range resp.Markers {
		for _, rt := range rm.Topics {
			for _, rp := range rt.Partitions {
				if err := kerr.ErrorForCode(rp.ErrorCode); err != nil {
					errs = append(errs, fmt.Errorf("%s[%d]: %w", rt.Topic, rp.Partition, err))
				}
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("abort the unfinished transaction of producer %d: %w", ct.pid, errors.Join(errs...))
	}
	return nil
}
