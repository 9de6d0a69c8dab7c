package breaker

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/schemas"
)

// flaky fails while down is set, counting calls.
type flaky struct {
	calls atomic.Int64
	down  atomic.Bool
}

func (f *flaky) Name() string { return "flaky" }

func (f *flaky) Lookup(context.Context, *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	f.calls.Add(1)
	if f.down.Load() {
		return nil, failure.New(failure.Transient, errors.New("503"))
	}
	return &schemas.DiscoveryResult{Status: schemas.StatusOK}, nil
}

func TestTheBreakerOpensOnFailuresAndThenMakesNoCalls(t *testing.T) {
	p := &flaky{}
	p.down.Store(true)
	b := Wrap(p, Config{MinRequests: 4, OpenFor: time.Hour}, metrics.New())
	for range 4 {
		_, _ = b.Lookup(context.Background(), &schemas.CompanyRequest{})
	}
	if b.State() != "open" {
		t.Fatalf("state %s after 4 failures, want open", b.State())
	}
	before := p.calls.Load()
	_, err := b.Lookup(context.Background(), &schemas.CompanyRequest{})
	if failure.ClassOf(err) != failure.BreakerOpen || p.calls.Load() != before {
		t.Fatalf("open breaker: err %v, calls %d → %d; want breaker_open and no call", err, before, p.calls.Load())
	}
}

func TestNotFoundAndPermanentFailuresDoNotOpenTheBreaker(t *testing.T) {
	for _, class := range []failure.Class{failure.NotFound, failure.Permanent} {
		if !healthy(failure.New(class, errors.New("x"))) {
			t.Errorf("%s counted against the provider", class)
		}
	}
	for _, class := range []failure.Class{failure.Transient, failure.RateLimited, failure.Auth, failure.BadResponse} {
		if healthy(failure.New(class, errors.New("x"))) {
			t.Errorf("%s did not count against the provider", class)
		}
	}
}

func TestTheBreakerHalfOpensAfterItsTimerAndClosesOnSuccess(t *testing.T) {
	p := &flaky{}
	p.down.Store(true)
	// Opening for a nanosecond: the next look at the breaker finds it half-open.
	b := Wrap(p, Config{MinRequests: 2, OpenFor: time.Nanosecond}, metrics.New())
	for range 2 {
		_, _ = b.Lookup(context.Background(), &schemas.CompanyRequest{})
	}
	p.down.Store(false)
	if s := b.State(); s != "half-open" {
		t.Fatalf("state %s once the open period passed, want half-open", s)
	}
	if _, err := b.Lookup(context.Background(), &schemas.CompanyRequest{}); err != nil || b.State() != "closed" {
		t.Fatalf("after a good probe: err %v, state %s; want closed", err, b.State())
	}
}
