// Package fault injects failures into the calls of the simulated APIs:
// each API's Faults are rates of answers that fail as that API fails,
// drawn from a seed so a run can be repeated, plus a latency and a count
// of first calls refused as over quota. An Injector holds the faults in
// force for every API and changes them on a running sandbox, for one API
// or for all at once.
package fault

import (
	"errors"
	"fmt"
	"time"
)

// Faults are one provider API's injected failures. Each rate is the
// fraction (0..1) of that API's calls answered with the fault; a call
// suffers at most one fault, so the rates must sum to at most 1. Which
// calls fault is decided by the Injector's seed (the sandbox's
// Config.Seed), so a run can be repeated.
type Faults struct {
	// Status5xx answers 503 with the provider's error body.
	Status5xx float64
	// Timeout never answers: the call is held until the client gives up.
	Timeout float64
	// RateLimited answers as the provider does when a quota is spent:
	// Companies House 429 with Retry-After, OpenCorporates 403 with its
	// quota body (and no header, as the real API sends none), X 429 with
	// x-rate-limit-reset, LinkedIn 429 without a header, Graph 400 code
	// 80001 with X-Business-Use-Case-Usage, a website 429 with
	// Retry-After. Those that state a wait state RetryAfter.
	RateLimited float64
	// Unauthorized answers with the provider's error body as if the
	// credential had been revoked: 401, but Graph's 400 code 190; a
	// website, which takes no credential, answers 403 as a bot wall does.
	Unauthorized float64
	// Malformed answers 200 with the real body cut in half, which is not
	// valid JSON (or, for a website, a page that loses its end).
	Malformed float64
	// SlowBody sends the real status and headers at once, then trickles
	// the body over 4 × Latency (MinSlowBody when Latency is 0), or
	// until the client cancels.
	SlowBody float64
	// FirstCallsRateLimited answers the first this many calls to each
	// distinct request path (the URL path, query aside) with the
	// RateLimited answer, then serves the path normally, as an API
	// warming a cold cache or a fresh key does. The calls are counted
	// from when the setting took its value, at start or by the SetFaults
	// or PUT that changed it; 0 turns it off.
	FirstCallsRateLimited int
	// RetryAfter is the wait a RateLimited or FirstCallsRateLimited
	// answer asks for, in whole seconds rounded up; 0 means
	// DefaultRetryAfter.
	RetryAfter time.Duration
	// Latency is added before every answer of the API but a SlowBody one;
	// 0 answers at once.
	Latency time.Duration
}

// The fault defaults.
const (
	// DefaultRetryAfter is a wait long enough to land a rate-limited
	// call past the first retry tiers, as a real spent quota would.
	DefaultRetryAfter = 45 * time.Second
	// MinSlowBody is how long a SlowBody fault takes when Latency is 0.
	MinSlowBody = time.Second
)

// rateSlack forgives the rounding of rates that sum to 1 in decimal.
const rateSlack = 1e-9

// withDefaults fills RetryAfter, so the settings in force read back
// complete.
func (f Faults) withDefaults() Faults {
	if f.RetryAfter == 0 {
		f.RetryAfter = DefaultRetryAfter
	}
	return f
}

// rates lists the fault rates in the order a call's draw tests them.
func (f Faults) rates() [faultKinds]float64 {
	return [faultKinds]float64{f.Status5xx, f.Timeout, f.RateLimited, f.Unauthorized, f.Malformed, f.SlowBody}
}

// Validate reports every rate outside 0..1, rates summing above 1, a
// negative FirstCallsRateLimited and negative durations.
func (f Faults) Validate() error {
	var errs []error
	sum := 0.0
	for i, r := range f.rates() {
		if !(r >= 0 && r <= 1) { // also refuses NaN
			errs = append(errs, fmt.Errorf("sandbox %s rate must be within 0..1, got %g", fault(i+1), r))
		}
		sum += r
	}
	if sum > 1+rateSlack {
		errs = append(errs, fmt.Errorf("sandbox fault rates must sum to at most 1, got %g", sum))
	}
	if f.FirstCallsRateLimited < 0 {
		errs = append(errs, fmt.Errorf("sandbox first calls rate limited must not be negative, got %d", f.FirstCallsRateLimited))
	}
	if f.Latency < 0 {
		errs = append(errs, fmt.Errorf("sandbox latency must not be negative, got %s", f.Latency))
	}
	if f.RetryAfter < 0 {
		errs = append(errs, fmt.Errorf("sandbox retry after must not be negative, got %s", f.RetryAfter))
	}
	return errors.Join(errs...)
}
