package bench

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/facebook"
	"github.com/leadgen/leadgen/processors/linkedin"
	"github.com/leadgen/leadgen/processors/website"
	"github.com/leadgen/leadgen/processors/x"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// stateProviders are the five providers whose results the state scenario
// joins per request.
var stateProviders = []string{companieshouse.ProviderName, x.ProviderName, linkedin.ProviderName,
	facebook.ProviderName, website.ProviderName}

// stateAhead bounds how many results the producer runs ahead of those the
// aggregator is done with, so the broker's capped partitions (its input,
// and its lead stage's) never drop a record before it is read.
const stateAhead = 100_000

// produceStateResults writes every provider's result for requests
// requests to discovery-results, as fast as the aggregator joins them
// (joined: results it is done with), at most stateAhead results ahead.
func produceStateResults(ctx context.Context, kc kclient.Config, names topics.Names, requests int, joined *atomic.Int64) error {
	cl, err := kclient.New(kc, kgo.MaxBufferedRecords(20_000), kgo.ProducerLinger(5*time.Millisecond))
	if err != nil {
		return err
	}
	defer cl.Close()
	errs := make(chan error, 1)
	now := time.Now().UTC()
	for i := range requests {
		if err := waitFor(ctx, func() bool { return int64(i*len(stateProviders))-joined.Load() < stateAhead }); err != nil {
			return err
		}
		for _, p := range stateProviders {
			v, err := schemas.EncodeDiscoveryResult(stateResult(i, p, now))
			if err != nil {
				return err
			}
			cl.Produce(ctx, &kgo.Record{Topic: names.Results(), Key: []byte(stateID(i)), Value: v}, func(_ *kgo.Record, err error) {
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			})
		}
		select {
		case err := <-errs:
			return fmt.Errorf("produce results: %w", err)
		default:
		}
	}
	if err := cl.Flush(ctx); err != nil {
		return fmt.Errorf("produce results: %w", err)
	}
	select {
	case err := <-errs:
		return fmt.Errorf("produce results: %w", err)
	default:
		return nil
	}
}

// waitFor polls ok every 50 ms until it holds or ctx ends.
func waitFor(ctx context.Context, ok func() bool) error {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for !ok() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

func stateID(i int) string { return fmt.Sprintf("state-%08d", i) }

// stateResult is provider p's answer for request i: a company of its own,
// three people, about the size of a real result.
func stateResult(i int, p string, now time.Time) *schemas.DiscoveryResult {
	number := fmt.Sprintf("S%07d", i)
	r := &schemas.DiscoveryResult{RequestID: stateID(i), Provider: p, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		Confidence: 0.9, FetchedAt: now, RequestedAt: now, CompanyName: "Bench Company " + number + " Limited",
		CompanyNumber: &number, ExpectedProviders: stateProviders, APICalls: 1}
	for j, role := range []string{"director", "chief financial officer", "head of sales"} {
		r.Executives = append(r.Executives, schemas.Executive{Name: fmt.Sprintf("Person %d-%d Example", i, j), Role: role,
			Sources: []string{p}, Confidence: 0.8})
	}
	return r
}
