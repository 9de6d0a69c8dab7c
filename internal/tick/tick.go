// Package tick runs a piece of work periodically for as long as a context
// lives.
package tick

import (
	"context"
	"time"
)

// Every calls f every d until ctx ends, the first time d after the call;
// it returns when ctx ends, never while f runs. d must be positive.
func Every(ctx context.Context, d time.Duration, f func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}
