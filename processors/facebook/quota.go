package facebook

import (
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/ratelimit"
)

// QuotaReading reads Graph's usage headers for the rate limiter. Graph
// states no call count, only the share of its limits used (X-App-Usage,
// X-Page-Usage, X-Business-Use-Case-Usage, percent): at 100% the quota is
// spent until the estimated regain time, or DefaultRetryAfter.
func QuotaReading(h http.Header, now time.Time) ratelimit.Reading {
	var r usageReading
	r.observe(h, now)
	u := r.get()
	if u.ObservedAt.IsZero() || u.Highest() < 100 {
		return ratelimit.Reading{}
	}
	wait := regainWait(h)
	return ratelimit.Reading{HasRemaining: true, Remaining: 0, Reset: now.Add(wait)}
}
