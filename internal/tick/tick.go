// Package tick waits on the clock for as long as a context lives: a
// sleep, and a piece of work run periodically.
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

// Sleep waits d or until ctx ends, whichever is first, and returns
// ctx.Err() when ctx ended: a wait that a shutdown cuts short. A d of
// zero or less does not wait.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
