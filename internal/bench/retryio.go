package bench

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// countingProvider answers every lookup at once with an OK result and
// records when each request was first looked up and how often.
type countingProvider struct {
	mu    sync.Mutex
	first map[string]time.Time
	calls map[string]int
}

func newCountingProvider() *countingProvider {
	return &countingProvider{first: map[string]time.Time{}, calls: map[string]int{}}
}

// Name is the provider the retry tiers belong to.
func (p *countingProvider) Name() string { return provName }

// Lookup counts the call and returns an empty OK result.
func (p *countingProvider) Lookup(_ context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, seen := p.first[req.RequestID]; !seen {
		p.first[req.RequestID] = now
	}
	p.calls[req.RequestID]++
	return &schemas.DiscoveryResult{Status: schemas.StatusOK, Layer: schemas.LayerPrimary, Confidence: 1}, nil
}

// snapshot copies the first-call times and call counts.
func (p *countingProvider) snapshot() (map[string]time.Time, map[string]int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return maps.Clone(p.first), maps.Clone(p.calls)
}

// tierRecord is one record bound for a retry tier, with its due times.
type tierRecord struct {
	id       string
	rec      *kgo.Record
	due      time.Time // as the header says
	intended time.Time // as asked for
}

// tierRecords builds one retry record per due time, through route.Record
// as the provider worker does, round-robin over the first two tiers (one
// if there is only one), in due order so every partition is in due order.
func tierRecords(names topics.Names, tiers []time.Duration, due []time.Time, now time.Time) ([]tierRecord, error) {
	used := tiers[:min(2, len(tiers))]
	out := make([]tierRecord, len(due))
	for i, d := range due {
		id := fmt.Sprintf("retry-%d", i)
		v, err := schemas.EncodeCompanyRequest(request(id, i, now))
		if err != nil {
			return nil, fmt.Errorf("encode request %s: %w", id, err)
		}
		src := &kgo.Record{Topic: names.Requests(), Key: []byte(id), Value: v}
		f := route.Failure{Provider: provName, Attempt: 1, Class: failure.Transient, Err: errors.New("bench: first attempt failed"), DueAt: d}
		rec := route.Record(src, names.Retry(provName, used[i%len(used)]), f, now)
		hdr := retry.DueAt(rec)
		if hdr.IsZero() {
			return nil, fmt.Errorf("record %s: unreadable %s %q", id, route.HeaderDueAt, route.Header(rec, route.HeaderDueAt))
		}
		out[i] = tierRecord{id: id, rec: rec, due: hdr, intended: d}
	}
	return out, nil
}

// produceTiers writes the records and returns how many distinct tier
// partitions they landed in.
func produceTiers(ctx context.Context, kc kclient.Config, recs []tierRecord) (int, error) {
	cl, err := kclient.New(kc)
	if err != nil {
		return 0, fmt.Errorf("bench tier producer: %w", err)
	}
	defer cl.Close()
	var mu sync.Mutex
	var firstErr error
	parts := map[string]bool{}
	for _, r := range recs {
		cl.Produce(ctx, r.rec, func(rec *kgo.Record, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			parts[fmt.Sprintf("%s/%d", rec.Topic, rec.Partition)] = true
		})
	}
	if err := cl.Flush(ctx); err != nil {
		return 0, fmt.Errorf("flush tier records: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if firstErr != nil {
		return 0, fmt.Errorf("produce tier record: %w", firstErr)
	}
	return len(parts), nil
}

// resultReader consumes discovery-results and keeps every result's
// FetchedAt per request.
type resultReader struct {
	records
	fetched map[string][]time.Time
	want    int
	done    chan struct{}
}

// newResultReader reads topic from the start; the default 5s fetch wait
// keeps it near idle while nothing is written.
func newResultReader(kc kclient.Config, topic string, want int) (*resultReader, error) {
	cl, err := kclient.New(kc, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		return nil, fmt.Errorf("bench result reader: %w", err)
	}
	r := &resultReader{records: records{cl: cl}, fetched: map[string][]time.Time{}, want: want, done: make(chan struct{})}
	if want == 0 {
		close(r.done)
	}
	return r, nil
}

// run reads until ctx ends, then closes the client.
func (r *resultReader) run(ctx context.Context) {
	read(ctx, &r.records, "result", schemas.DecodeDiscoveryResult, r.add)
}

// add records res's FetchedAt; r's lock is held.
func (r *resultReader) add(res *schemas.DiscoveryResult, _ time.Time) {
	r.fetched[res.RequestID] = append(r.fetched[res.RequestID], res.FetchedAt)
	if len(r.fetched) == r.want && len(r.fetched[res.RequestID]) == 1 {
		close(r.done)
	}
}

// wait blocks until want distinct requests have a result or ctx ends.
func (r *resultReader) wait(ctx context.Context) error {
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		r.mu.Lock()
		defer r.mu.Unlock()
		return fmt.Errorf("%d of %d retries have no result (last bad result: %v): %w", r.want-len(r.fetched), r.want, r.bad, ctx.Err())
	}
}

// snapshot returns the first FetchedAt and the result count per request.
func (r *resultReader) snapshot() (map[string]time.Time, map[string]int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	first := make(map[string]time.Time, len(r.fetched))
	counts := make(map[string]int, len(r.fetched))
	for id, ts := range r.fetched {
		first[id], counts[id] = ts[0], len(ts)
	}
	return first, counts
}
