package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// arrival is the first lead seen for a request.
type arrival struct {
	at      time.Time     // when the bench consumed it
	latency time.Duration // at − the request's requested_at
	// complete: the lead has every enabled provider's data, none failed.
	complete bool
}

// leadReader consumes enriched-leads (read_committed) and records the
// first lead of every request it is waiting for.
type leadReader struct {
	records
	first map[string]arrival
	want  map[string]bool
	left  int
	done  chan struct{}
}

func newLeadReader(kc kclient.Config, topic string) (*leadReader, error) {
	cl, err := kclient.New(kc, kgo.ConsumeTopics(topic), kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchMaxWait(100*time.Millisecond))
	if err != nil {
		return nil, fmt.Errorf("bench lead reader: %w", err)
	}
	return &leadReader{records: records{cl: cl}, first: map[string]arrival{}}, nil
}

// run reads until ctx ends, then closes the client.
func (r *leadReader) run(ctx context.Context) {
	read(ctx, &r.records, "lead", schemas.DecodeEnrichedLead, r.add)
}

// records is what a reader of one topic keeps besides what it reads: its
// client, the lock of what it records, and the error of the last record
// that did not decode.
type records struct {
	cl  *kgo.Client
	mu  sync.Mutex
	bad error
}

// read hands add, holding r's lock, every value decode reads from a record
// r's client fetches, with the time of its fetch, until ctx ends; then it
// closes the client. A record that does not decode is r's bad record,
// named as what.
func read[T any](ctx context.Context, r *records, what string, decode func([]byte) (T, error), add func(v T, fetched time.Time)) {
	poll(ctx, r.cl, func(rec *kgo.Record, fetched time.Time) {
		v, err := decode(rec.Value)
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil {
			r.bad = fmt.Errorf("%s at %s[%d]@%d: %w", what, rec.Topic, rec.Partition, rec.Offset, err)
			return
		}
		add(v, fetched)
	})
}

// poll hands add every record cl fetches, with the time of its fetch,
// until ctx ends; then it closes cl.
func poll(ctx context.Context, cl *kgo.Client, add func(rec *kgo.Record, fetched time.Time)) {
	defer cl.Close()
	for {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil || fetches.IsClientClosed() {
			return
		}
		now := time.Now()
		fetches.EachRecord(func(rec *kgo.Record) { add(rec, now) })
	}
}

// add records lead's arrival at now; r's lock is held.
func (r *leadReader) add(lead *schemas.EnrichedLead, now time.Time) {
	if _, seen := r.first[lead.RequestID]; seen {
		return
	}
	r.first[lead.RequestID] = arrival{at: now, latency: now.Sub(lead.RequestedAt),
		complete: lead.Complete && len(lead.ProvidersFailed) == 0}
	if r.want[lead.RequestID] {
		r.left--
		if r.left == 0 {
			close(r.done)
		}
	}
}

// expect returns a channel closed once every id has a lead; ids seen
// before the call count at once.
func (r *leadReader) expect(ids []string) <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.want, r.left, r.done = map[string]bool{}, 0, make(chan struct{})
	for _, id := range ids {
		if _, seen := r.first[id]; !seen && !r.want[id] {
			r.want[id] = true
			r.left++
		}
	}
	if r.left == 0 {
		close(r.done)
	}
	return r.done
}

// wait blocks until every id has a lead or ctx ends.
func (r *leadReader) wait(ctx context.Context, ids []string) error {
	select {
	case <-r.expect(ids):
		return nil
	case <-ctx.Done():
		r.mu.Lock()
		defer r.mu.Unlock()
		return fmt.Errorf("%d of %d requests have no lead (last bad lead: %v): %w", r.left, len(ids), r.bad, ctx.Err())
	}
}

// arrivals returns the first lead of each id, in id order.
func (r *leadReader) arrivals(ids []string) []arrival {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]arrival, 0, len(ids))
	for _, id := range ids {
		if a, ok := r.first[id]; ok {
			out = append(out, a)
		}
	}
	return out
}
