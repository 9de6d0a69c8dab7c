// Package flood guards against draining a whole input into the dead-letter
// topic during an outage: past a rate of dead letters, the caller pauses
// consumption for a cool-down.
package flood

import (
	"time"

	"golang.org/x/time/rate"
)

// Guard trips when more than Limit dead letters arrive within Window.
type Guard struct {
	lim      *rate.Limiter
	Cooldown time.Duration
}

// New returns a guard allowing limit dead letters per window (a token
// bucket: bursts up to limit, refilled at limit/window), and pausing for
// cooldown when tripped. A limit of 0 disables the guard (nil).
func New(limit int, window, cooldown time.Duration) *Guard {
	if limit <= 0 {
		return nil
	}
	return &Guard{lim: rate.NewLimiter(rate.Limit(float64(limit)/window.Seconds()), limit), Cooldown: cooldown}
}

// Hit counts one dead letter at now and reports whether the rate is
// exceeded.
func (g *Guard) Hit(now time.Time) bool {
	if g == nil {
		return false
	}
	return !g.lim.AllowN(now, 1)
}
