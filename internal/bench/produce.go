package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// requestIDs names n requests: prefix-0, prefix-1, ...
func requestIDs(prefix string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s-%d", prefix, i)
	}
	return ids
}

// company is a sandbox company a request asks for.
type company struct{ name, number string }

// companies lists the sandbox dataset once: sandbox.Companies deep-copies
// it on every call, too slow for the producer's loop.
var companies = sync.OnceValue(func() []company {
	var out []company
	for _, c := range sandbox.Companies() {
		out = append(out, company{c.Name, c.Number})
	}
	return out
})

// requestFunc builds the i-th request of a run, named id.
type requestFunc func(id string, i int, now time.Time) *schemas.CompanyRequest

// request asks for the i-th sandbox company by number, so the lookup
// skips the search call.
func request(id string, i int, now time.Time) *schemas.CompanyRequest {
	all := companies()
	c := all[i%len(all)]
	num := c.number
	return &schemas.CompanyRequest{RequestID: id, CompanyName: c.name, CompanyNumber: &num,
		RequestedAt: now.UTC()}
}

// mixedRequest asks for a sandbox company by number when i is even and by
// name alone when it is odd, so half the lookups start with a search.
// Each company is asked for both ways: requests 2k and 2k+1 name the k-th.
func mixedRequest(id string, i int, now time.Time) *schemas.CompanyRequest {
	r := request(id, i/2, now)
	if i%2 == 1 {
		r.CompanyNumber = nil
	}
	return r
}

// producer sends requests keyed by request id, as clients do.
type producer struct {
	cl    *kgo.Client
	topic string
	build requestFunc

	mu  sync.Mutex
	err error
}

func newProducer(kc kclient.Config, topic string) (*producer, error) {
	cl, err := kclient.New(kc)
	if err != nil {
		return nil, fmt.Errorf("bench producer: %w", err)
	}
	return &producer{cl: cl, topic: topic, build: request}, nil
}

func (p *producer) Close() { p.cl.Close() }

// send produces the request asynchronously, stamped with the send time.
func (p *producer) send(ctx context.Context, id string, i int) error {
	v, err := schemas.EncodeCompanyRequest(p.build(id, i, time.Now()))
	if err != nil {
		return fmt.Errorf("encode request %s: %w", id, err)
	}
	p.cl.Produce(ctx, &kgo.Record{Topic: p.topic, Key: []byte(id), Value: v}, p.done)
	return nil
}

func (p *producer) done(_ *kgo.Record, err error) {
	if err != nil {
		p.mu.Lock()
		p.err = err
		p.mu.Unlock()
	}
}

// flush waits for every send and reports the first failure.
func (p *producer) flush(ctx context.Context) error {
	if err := p.cl.Flush(ctx); err != nil {
		return fmt.Errorf("flush requests: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return fmt.Errorf("produce request: %w", p.err)
	}
	return nil
}

// sendAll sends ids at rate per second (0: as fast as possible), pacing by
// a ticker: each tick sends the requests that have fallen due since the
// start.
func (p *producer) sendAll(ctx context.Context, ids []string, rate float64) error {
	if rate <= 0 {
		return p.sendRange(ctx, ids, 0, len(ids))
	}
	start := time.Now()
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	sent := 0
	for sent < len(ids) {
		due := min(len(ids), int(time.Since(start).Seconds()*rate)+1)
		if err := p.sendRange(ctx, ids, sent, due); err != nil {
			return err
		}
		sent = max(sent, due)
		select {
		case <-ctx.Done():
			return fmt.Errorf("sending requests: %w", ctx.Err())
		case <-t.C:
		}
	}
	return nil
}

func (p *producer) sendRange(ctx context.Context, ids []string, from, to int) error {
	for i := from; i < to; i++ {
		if err := p.send(ctx, ids[i], i); err != nil {
			return err
		}
	}
	return nil
}
