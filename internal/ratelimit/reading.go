package ratelimit

import (
	"fmt"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// Reading is what one API answer said about the quota. Each provider
// package reads its own API's headers into one (see Reader).
type Reading struct {
	// Limit calls per Window, when the API states its quota.
	Limit  int
	Window time.Duration
	// Remaining calls until Reset, when HasRemaining.
	Remaining    int
	HasRemaining bool
	Reset        time.Time
}

// Reader reads an API's answer headers into a Reading.
type Reader func(h http.Header, now time.Time) Reading

// throttled is the error of a call whose turn comes too late for its
// deadline: the API's quota is spent until then.
func throttled(provider string, wait time.Duration) error {
	fe := failure.New(failure.RateLimited, fmt.Errorf("%s quota spent: next call in %s", provider, wait.Round(time.Millisecond)))
	fe.RetryAfter = wait
	return fe
}
