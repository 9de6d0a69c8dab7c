package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// baselineNames keeps the baseline's topics apart from the pipeline's.
var baselineNames = topics.Names{Prefix: "baseline."}

// runBaseline measures a one-record-at-a-time consumer at one sandbox
// latency, on its own broker with the same partitions: it drains a
// backlog of n requests, looking each up and producing its result before
// it reads the next.
func runBaseline(ctx context.Context, cfg *Config, latency time.Duration) Result {
	n := cfg.baselineFor(latency)
	res := Result{Name: "baseline " + latency.String(), Latency: latency, Baseline: true}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	e, err := startEnv(ctx, cfg, baselineNames, latency)
	if err != nil {
		res.Err = err
		return res
	}
	defer e.Close()
	if err := backlog(ctx, e, requestIDs("base", n), request); err != nil {
		res.Err = fmt.Errorf("%s: %w", res.Name, err)
		return res
	}
	progress(cfg, "%s: draining %d requests one at a time", res.Name, n)
	res.Err = drain(ctx, e, n, &res)
	return res
}

// backlog produces a request per id, built by build, before a consumer
// starts.
func backlog(ctx context.Context, e *env, ids []string, build requestFunc) error {
	p, err := newProducer(e.kafka, e.names.Requests())
	if err != nil {
		return err
	}
	defer p.Close()
	p.build = build
	if err := p.sendAll(ctx, ids, 0); err != nil {
		return err
	}
	return p.flush(ctx)
}

// drain consumes n requests one by one; the window starts at the first
// record, so the group join is not counted.
func drain(ctx context.Context, e *env, n int, res *Result) error {
	prov, err := e.provider()
	if err != nil {
		return err
	}
	// The baseline gets no linger: ProduceSync one by one would wait it out
	// on every record, which would flatter the pipeline.
	cl, err := kclient.New(e.kafka, kgo.ConsumerGroup(e.names.Prefix+"bench-one-at-a-time"),
		kgo.ConsumeTopics(e.names.Requests()), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.ProducerLinger(0))
	if err != nil {
		return fmt.Errorf("baseline consumer: %w", err)
	}
	defer cl.Close()
	b := &oneAtATime{cl: cl, prov: prov, names: e.names}
	var m *measure
	var samples []time.Duration
	for res.Requests < n {
		fetches := cl.PollRecords(ctx, 1)
		if err := ctx.Err(); err != nil {
			break
		}
		for _, rec := range fetches.Records() {
			if m == nil {
				m = startMeasure(e, prov)
			}
			t0 := time.Now()
			if err := b.handle(ctx, rec); err != nil {
				return fmt.Errorf("%s: %w", res.Name, err)
			}
			samples = append(samples, time.Since(t0))
			res.Requests++
		}
	}
	if m != nil {
		res.Wall = time.Since(m.start)
		m.finish(res)
	}
	res.Lat = Summarize(samples)
	if res.Requests < n {
		return fmt.Errorf("%s: %d of %d requests done: %w", res.Name, res.Requests, n, ctx.Err())
	}
	return nil
}

// oneAtATime is the baseline's handler: the same provider, no concurrency.
type oneAtATime struct {
	cl    *kgo.Client
	prov  provider.Provider
	names topics.Names
}

func (b *oneAtATime) handle(ctx context.Context, rec *kgo.Record) error {
	req, err := schemas.DecodeCompanyRequest(rec.Value)
	if err != nil {
		return fmt.Errorf("decode request at offset %d: %w", rec.Offset, err)
	}
	start := time.Now()
	res, err := b.prov.Lookup(ctx, req)
	if err != nil {
		msg := err.Error()
		res = &schemas.DiscoveryResult{Status: schemas.StatusFailed, Layer: schemas.LayerNone, Error: &msg}
	}
	res.RequestID, res.Provider = req.RequestID, b.prov.Name()
	res.FetchedAt, res.LatencyMs = time.Now().UTC(), time.Since(start).Milliseconds()
	res.ExpectedProviders = []string{b.prov.Name()}
	res.CompanyName, res.CompanyNumber, res.RequestedAt = req.CompanyName, req.CompanyNumber, req.RequestedAt
	val, err := schemas.EncodeDiscoveryResult(res)
	if err != nil {
		return fmt.Errorf("encode result of %s: %w", req.RequestID, err)
	}
	out := &kgo.Record{Topic: b.names.Results(), Key: []byte(req.RequestID), Value: val}
	if err := b.cl.ProduceSync(ctx, out).FirstErr(); err != nil {
		return fmt.Errorf("produce result of %s: %w", req.RequestID, err)
	}
	return nil
}
