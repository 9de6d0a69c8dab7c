package ratelimit

import (
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/processors/provider"
)

// Reading is what one API answer said about the quota; the type is the
// provider contract's, so API clients need not import this package.
type Reading = provider.Reading

// Reader reads an API's answer headers into a Reading.
type Reader = provider.Reader

// throttled is the error of a call whose turn comes too late for its
// deadline: the API's quota is spent until then.
func throttled(provider string, wait time.Duration) error {
	fe := failure.New(failure.RateLimited, fmt.Errorf("%s quota spent: next call in %s", provider, wait.Round(time.Millisecond)))
	fe.RetryAfter = wait
	return fe
}
