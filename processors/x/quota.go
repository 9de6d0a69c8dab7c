package x

import (
	"net/http"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// QuotaReading reads X's x-rate-limit-remaining and -reset (epoch seconds)
// headers for the rate limiter: a spent window holds calls until its
// reset. x-rate-limit-limit is not read as a quota: X states no window
// with it (each endpoint's is documented, 15 minutes today), and the
// endpoints leadgen calls have different limits.
func QuotaReading(h http.Header, _ time.Time) provider.Reading {
	var r provider.Reading
	if n, err := strconv.Atoi(h.Get("x-rate-limit-remaining")); err == nil {
		r.Remaining, r.HasRemaining = n, true
	}
	if s, err := strconv.ParseInt(h.Get("x-rate-limit-reset"), 10, 64); err == nil {
		r.Reset = time.Unix(s, 0)
	}
	return r
}
