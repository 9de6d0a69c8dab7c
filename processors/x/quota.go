package x

import (
	"net/http"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/ratelimit"
)

// quotaWindow is X's rate-limit window: every v2 endpoint's limits are
// per 15 minutes.
const quotaWindow = 15 * time.Minute

// QuotaReading reads X's x-rate-limit-limit, -remaining and -reset (epoch
// seconds) headers for the rate limiter.
func QuotaReading(h http.Header, _ time.Time) ratelimit.Reading {
	var r ratelimit.Reading
	if n, err := strconv.Atoi(h.Get("x-rate-limit-limit")); err == nil && n > 0 {
		r.Limit, r.Window = n, quotaWindow
	}
	if n, err := strconv.Atoi(h.Get("x-rate-limit-remaining")); err == nil {
		r.Remaining, r.HasRemaining = n, true
	}
	if s, err := strconv.ParseInt(h.Get("x-rate-limit-reset"), 10, 64); err == nil {
		r.Reset = time.Unix(s, 0)
	}
	return r
}
