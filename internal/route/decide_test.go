package route

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

func TestDecideFollowsTheRoutingRules(t *testing.T) {
	tiers := []time.Duration{10 * time.Second, time.Minute, 10 * time.Minute}
	for _, tc := range []struct {
		name       string
		class      failure.Class
		tier       int
		retryAfter time.Duration
		want       Decision
	}{
		{"a transient failure of the input goes to the first tier", failure.Transient, -1, 0, Decision{ToRetry, 0}},
		{"a transient failure in tier 0 goes to tier 1", failure.Transient, 0, 0, Decision{ToRetry, 1}},
		{"a transient failure in the last tier goes to the fallback", failure.Transient, 2, 0, Decision{Kind: ToFallback}},
		{"a bad response is retried like a transient one", failure.BadResponse, -1, 0, Decision{ToRetry, 0}},
		{"a 429 asking 45s goes to the 1m tier", failure.RateLimited, -1, 45 * time.Second, Decision{ToRetry, 1}},
		{"a 429 without a wait goes to the next tier", failure.RateLimited, 0, 0, Decision{ToRetry, 1}},
		{"a 429 asking more than the last tier goes to the fallback", failure.RateLimited, -1, time.Hour, Decision{Kind: ToFallback}},
		{"a 429 asking 5s in tier 1 never goes back to tier 0", failure.RateLimited, 1, 5 * time.Second, Decision{ToRetry, 2}},
		{"an auth failure goes to the dead-letter topic", failure.Auth, -1, 0, Decision{Kind: ToDeadLetter}},
		{"an undecodable record goes to the dead-letter topic", failure.Undecodable, 1, 0, Decision{Kind: ToDeadLetter}},
		{"a permanent failure goes to the fallback", failure.Permanent, -1, 0, Decision{Kind: ToFallback}},
		{"not found goes to the fallback", failure.NotFound, 0, 0, Decision{Kind: ToFallback}},
		{"an open breaker goes to the fallback", failure.BreakerOpen, -1, 0, Decision{Kind: ToFallback}},
	} {
		if got := Decide(tc.class, tc.tier, tc.retryAfter, tiers); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
