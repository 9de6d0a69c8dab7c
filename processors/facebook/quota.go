package facebook

import (
	"net/http"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// QuotaReading reads Graph's usage headers for the rate limiter. Graph
// states no call count, only the share of its limits used (X-App-Usage,
// X-Page-Usage, X-Business-Use-Case-Usage, percent): at 100% the quota is
// spent until the estimated regain time, or DefaultRetryAfter.
func QuotaReading(h http.Header, now time.Time) provider.Reading {
	var r usageReading
	r.observe(h, now)
	u := r.get()
	if u.ObservedAt.IsZero() || u.Highest() < 100 {
		return provider.Reading{}
	}
	wait := regainWait(h)
	return provider.Reading{HasRemaining: true, Remaining: 0, Reset: now.Add(wait)}
}
