package fault

import (
	"context"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/tick"
)

// fault is the failure injected into one call.
type fault int

// The faults, in the order of Faults.rates.
const (
	noFault fault = iota
	faultStatus5xx
	faultTimeout
	faultRateLimited
	faultUnauthorized
	faultMalformed
	faultSlowBody
)

// faultKinds is the number of faults a call may suffer.
const faultKinds = int(faultSlowBody)

var faultNames = [...]string{"none", "status 5xx", "timeout", "rate limited", "unauthorized", "malformed", "slow body"}

func (f fault) String() string { return faultNames[f] }

// draw picks the call's fault with one draw against the stacked rates. It
// decides from the seed and the call's sequence number, so a run with the
// same seed faults the same calls without sharing a locked random source;
// a fault-free API does not advance the sequence.
func (in *Injector) draw(f Faults) fault {
	rates := f.rates()
	sum := 0.0
	for _, r := range rates {
		sum += r
	}
	if sum <= 0 {
		return noFault
	}
	u := float64(splitmix64(in.seed+in.seq.Add(1))>>11) / (1 << 53)
	for i, r := range rates {
		if u < r {
			return fault(i + 1)
		}
		u -= r
	}
	return noFault
}

// Answers are how one API words the faults injected into its calls.
type Answers struct {
	// Unavailable answers a 5xx fault.
	Unavailable func(http.ResponseWriter)
	// Unauthorized answers as if the credential had been revoked.
	Unauthorized func(http.ResponseWriter)
	// RateLimited answers as a spent quota that frees up after
	// retryAfter.
	RateLimited func(w http.ResponseWriter, retryAfter time.Duration)
}

// Serve answers one call of the API name: it waits out the latency in
// force, then either injects the call's fault, worded as a says, or
// lets route answer.
func (in *Injector) Serve(w http.ResponseWriter, r *http.Request, name string, a Answers, route http.Handler) {
	f, first := in.settings(name)
	kind := faultRateLimited
	if !amongFirstCalls(first, r.URL.Path, f.FirstCallsRateLimited) {
		kind = in.draw(f)
	}
	if kind == faultSlowBody {
		trickle(w, r, route, slowBodyTime(f.Latency))
		return
	}
	if !wait(r.Context(), f.Latency) {
		return
	}
	switch kind {
	case faultStatus5xx:
		a.Unavailable(w)
	case faultTimeout:
		<-r.Context().Done()
	case faultRateLimited:
		a.RateLimited(w, f.RetryAfter)
	case faultUnauthorized:
		a.Unauthorized(w)
	case faultMalformed:
		truncate(w, r, route)
	default:
		route.ServeHTTP(w, r)
	}
}

// slowBodyTime is how long a slow body takes to arrive.
func slowBodyTime(latency time.Duration) time.Duration {
	if latency == 0 {
		return MinSlowBody
	}
	return 4 * latency
}

// wait blocks for d or until ctx ends, and reports whether the response
// should still be written.
func wait(ctx context.Context, d time.Duration) bool {
	return tick.Sleep(ctx, d) == nil
}

// splitmix64 is the SplitMix64 finaliser: a well-mixed 64-bit value for
// each input.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
