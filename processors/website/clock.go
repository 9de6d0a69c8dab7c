package website

import (
	"context"
	"time"

	"github.com/leadgen/leadgen/internal/tick"
)

// clock is the time of the crawl-delay spacing and of the robots.txt
// cache; tests turn it by hand, so spacing is checked without waiting.
type clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx ends with ctx's error.
	Sleep(ctx context.Context, d time.Duration) error
}

// wallClock is the real time.
type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error { return tick.Sleep(ctx, d) }
