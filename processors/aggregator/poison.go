package aggregator

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// One bad result costs that result, never the stream: a result whose state
// the broker would refuse, or whose request_id names another company, is
// dead-lettered and the rest of its batch commits, and so is a request's
// LeadResults record whose lead (or the lead stage's state) the broker
// would refuse; a record whose write failed for good anyway is
// quarantined, the batch aborts, and on the re-read that record alone is
// dead-lettered.

// The headers a too_large dead letter carries besides DESIGN §6's.
const (
	HeaderSize  = "leadgen.record.bytes"
	HeaderLimit = "leadgen.record.limit.bytes"
)

// producerBatchMax is franz-go's default ProducerBatchMaxBytes, the largest
// batch the client sends whatever the topic allows.
const producerBatchMax = 1_000_012

// recordOverhead is room, beyond key, value and headers, for a batch's
// header (61 bytes) and a record's framing (its varints and attributes).
const recordOverhead = 128

// tooLarge is a record the broker would refuse for its size.
type tooLarge struct {
	topic       string
	size, limit int
}

func (e *tooLarge) Error() string {
	return fmt.Sprintf("a %s record of %d bytes is over the %d the broker takes", e.topic, e.size, e.limit)
}

// limits knows the largest record each topic takes: the smaller of its
// max.message.bytes and the producer's batch limit.
type limits struct {
	mu  sync.Mutex
	max map[string]int
}

// load reads the topics' max.message.bytes from the broker; a topic it
// cannot read keeps the producer's limit.
func (l *limits) load(ctx context.Context, cl *kgo.Client, topics ...string) error {
	rcs, err := kadm.NewClient(cl).DescribeTopicConfigs(ctx, topics...)
	if err != nil {
		return fmt.Errorf("read max.message.bytes of %s: %w", strings.Join(topics, ", "), err)
	}
	found := map[string]int{}
	for _, rc := range rcs {
		for _, c := range rc.Configs {
			if n, err := strconv.Atoi(c.MaybeValue()); c.Key == "max.message.bytes" && err == nil && n > 0 {
				found[rc.Name] = n
			}
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.max = found
	return nil
}

func (l *limits) of(topic string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n, ok := l.max[topic]; ok {
		return min(n, producerBatchMax)
	}
	return producerBatchMax
}

// check reports the first record the broker would refuse for its size, as
// a too_large failure.
func (l *limits) check(recs []*kgo.Record) error {
	for _, r := range recs {
		if size, limit := recordSize(r), l.of(r.Topic); size > limit {
			return failure.New(failure.TooLarge, &tooLarge{topic: r.Topic, size: size, limit: limit})
		}
	}
	return nil
}

func recordSize(r *kgo.Record) int {
	n := len(r.Key) + len(r.Value) + recordOverhead
	for _, h := range r.Headers {
		n += len(h.Key) + len(h.Value) + 10
	}
	return n
}

// recordFaults are the Kafka errors that blame the record written, not the
// producer or the broker: the same record fails again however often it is
// retried. Errors of the producer's state (INVALID_PRODUCER_EPOCH and
// PRODUCER_FENCED after a restart or a rebalance, INVALID_TXN_STATE) are
// not among them, though they are not retriable either: the transaction
// is redone by a new producer, and the record is fine.
var recordFaults = []error{kerr.MessageTooLarge, kerr.RecordListTooLarge, kerr.InvalidRecord, kerr.InvalidTimestamp}

// recordFault says whether a failed write is the record's own fault.
func recordFault(err error) bool {
	for _, f := range recordFaults {
		if errors.Is(err, f) {
			return true
		}
	}
	return false
}

// quarantine holds input records whose writes the broker refused for
// good, until the aborted batch is read again.
type quarantine struct {
	mu   sync.Mutex
	recs map[string]error
}

func quarantineKey(r *kgo.Record) string {
	return fmt.Sprintf("%s/%d/%d", r.Topic, r.Partition, r.Offset)
}

func (q *quarantine) add(r *kgo.Record, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.recs == nil {
		q.recs = map[string]error{}
	}
	q.recs[quarantineKey(r)] = err
}

// take returns why r is quarantined, and releases it; nil when it is not.
func (q *quarantine) take(r *kgo.Record) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := quarantineKey(r)
	err, ok := q.recs[k]
	if !ok {
		return nil
	}
	delete(q.recs, k)
	if errors.Is(err, kerr.MessageTooLarge) || errors.Is(err, kerr.RecordListTooLarge) {
		return failure.New(failure.TooLarge, err)
	}
	return failure.New(failure.Permanent, err)
}

// conflict reports a result whose request_id is already held by another
// company: a request_id names one request, defined by its first result.
// A true duplicate (the same company asked for again under the same id)
// is no conflict.
func conflict(e *entry, res *schemas.DiscoveryResult) error {
	for _, prev := range e.decoded {
		if identity(prev) != identity(res) {
			return failure.New(failure.Conflict, fmt.Errorf("request_id %s names %s, and this result is for %s: re-send it under a new request_id",
				res.RequestID, describe(prev), describe(res)))
		}
		return nil
	}
	return nil
}

// identity is what makes two requests the same: the company number when
// given, and the name as sent, case and spacing aside.
func identity(r *schemas.DiscoveryResult) string {
	number := ""
	if r.CompanyNumber != nil {
		number = strings.ToUpper(strings.TrimSpace(*r.CompanyNumber))
	}
	return number + "\x00" + strings.ToUpper(strings.Join(strings.Fields(r.CompanyName), " "))
}

func describe(r *schemas.DiscoveryResult) string {
	if r.CompanyNumber != nil && *r.CompanyNumber != "" {
		return fmt.Sprintf("%q (%s)", short(r.CompanyName), *r.CompanyNumber)
	}
	return fmt.Sprintf("%q", short(r.CompanyName))
}

// deadLetter sends an input result, untouched, to the dead-letter topic in
// the batch's transaction, with the size and limit when it is too large.
func (t *txn) deadLetter(rec *kgo.Record, provider string, cause error) {
	class := failure.ClassOf(cause)
	t.a.cfg.Metrics.DeadLetters.WithLabelValues("aggregator", string(class)).Inc()
	t.a.cfg.Logger.Warn("discovery result sent to the dead-letter topic", "provider", provider, "class", class,
		"partition", rec.Partition, "offset", rec.Offset, "err", route.Message(cause))
	out := route.Record(rec, t.a.cfg.Names.DLQ(), route.Failure{Provider: provider, Attempt: 1, Class: class, Err: cause}, t.a.cfg.Now())
	var tl *tooLarge
	if errors.As(cause, &tl) {
		out.Headers = append(out.Headers,
			kgo.RecordHeader{Key: HeaderSize, Value: []byte(strconv.Itoa(tl.size))},
			kgo.RecordHeader{Key: HeaderLimit, Value: []byte(strconv.Itoa(tl.limit))})
	}
	t.produce(out)
}

// short cuts a company name for a message: a name can be as long as a
// record.
func short(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
