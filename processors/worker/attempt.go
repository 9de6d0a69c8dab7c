package worker

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/leadgen/leadgen/internal/consume"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
)

// Attempt runs one lookup, measures it and fills the result's request
// fields. The provider bounds its own calls in time (see ratelimit.Gate);
// a wait for the quota ends when the record's partition is handed over.
func (e *Env) Attempt(ctx context.Context, req *schemas.CompanyRequest, expected []string) (*schemas.DiscoveryResult, error) {
	gauge := e.Metrics.InFlight.WithLabelValues(e.Name())
	gauge.Inc()
	defer gauge.Dec()
	start := e.Now()
	res, err := e.Provider.Lookup(ratelimit.WithStop(ctx, consume.Leaving(ctx)), req)
	if Interrupted(ctx, err) {
		return nil, err
	}
	latency := e.Now().Sub(start)
	outcome := outcomeOf(res, err)
	e.Metrics.ProviderCalls.WithLabelValues(e.Name(), outcome).Inc()
	e.Metrics.ProviderLatency.WithLabelValues(e.Name(), outcome).Observe(latency.Seconds())
	if e.Recent != nil {
		e.Recent.Add(healthy(err), errorClass(err))
	}
	if err != nil {
		return nil, err
	}
	res.LatencyMs = latency.Milliseconds()
	e.Complete(res, req, expected)
	return res, nil
}

// Interrupted says whether a lookup ended because its record is no longer
// this worker's to finish: shutting down, or its partition handed over
// while it waited for the quota. Such a record is neither routed nor
// committed; its next owner handles it.
func Interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, ratelimit.ErrStopped)
}

// Complete fills the fields every result carries about its request.
func (e *Env) Complete(res *schemas.DiscoveryResult, req *schemas.CompanyRequest, expected []string) {
	res.RequestID, res.Provider = req.RequestID, e.Name()
	res.FetchedAt = e.Now().UTC()
	res.ExpectedProviders = expected
	res.CompanyName, res.CompanyNumber, res.RequestedAt = req.CompanyName, req.CompanyNumber, req.RequestedAt
}

// Failed is the result of a lookup that found nothing to say: no people,
// the layer that answered (none), and the error's class and scrubbed text.
func Failed(status schemas.Status, err error) *schemas.DiscoveryResult {
	msg := fmt.Sprintf("%s: %s", failure.ClassOf(err), route.Message(err))
	return &schemas.DiscoveryResult{Status: status, Layer: schemas.LayerNone, Error: &msg}
}

// healthy says whether an outcome speaks well of the provider: a result,
// or a failure that is the request's fault.
func healthy(err error) bool {
	switch {
	case err == nil:
		return true
	case failure.ClassOf(err) == failure.NotFound, failure.ClassOf(err) == failure.Permanent:
		return true
	}
	return false
}

// errorClass is the class of a lookup's error, "" without one.
func errorClass(err error) string {
	if err == nil {
		return ""
	}
	return string(failure.ClassOf(err))
}

func outcomeOf(res *schemas.DiscoveryResult, err error) string {
	if err != nil {
		return errorClass(err)
	}
	return strings.ToLower(string(res.Status))
}
