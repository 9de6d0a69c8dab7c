package route

import (
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// Kind is where a failed attempt goes next.
type Kind int

// The destinations of DESIGN §7.
const (
	ToRetry Kind = iota
	ToFallback
	ToDeadLetter
)

// Decision is the destination of a failed attempt; Tier indexes the retry
// tiers when Kind is ToRetry.
type Decision struct {
	Kind Kind
	Tier int
}

// Decide applies the routing rules of DESIGN §7 to a failure of class
// class, after the attempt that ran from tier (-1: the input topic), with
// the wait the provider asked for and the configured tiers.
//
//   - transient and bad_response (often a throttle page instead of JSON)
//     go to the next tier;
//   - rate_limited goes to the first tier whose delay covers retryAfter,
//     never back to an earlier tier than the next one;
//   - with no tier left, both go to the fallback;
//   - permanent, not_found and breaker_open go to the fallback at once;
//   - auth, undecodable, invalid, conflict and too_large go to the
//     dead-letter topic: retrying cannot fix them.
func Decide(class failure.Class, tier int, retryAfter time.Duration, tiers []time.Duration) Decision {
	switch class {
	case failure.Auth, failure.Undecodable, failure.Invalid, failure.Conflict, failure.TooLarge:
		return Decision{Kind: ToDeadLetter}
	case failure.Permanent, failure.NotFound, failure.BreakerOpen:
		return Decision{Kind: ToFallback}
	}
	next := tier + 1
	if class == failure.RateLimited {
		for next < len(tiers) && tiers[next] < retryAfter {
			next++
		}
	}
	if next >= len(tiers) {
		return Decision{Kind: ToFallback}
	}
	return Decision{Kind: ToRetry, Tier: next}
}
