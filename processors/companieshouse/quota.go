package companieshouse

import (
	"net/http"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// QuotaReading reads the X-Ratelimit-* headers of an answer for the rate
// limiter: the key's limit per window, the calls left and the reset.
func QuotaReading(h http.Header, _ time.Time) provider.Reading {
	st, ok := parseRateLimit(h)
	if !ok {
		return provider.Reading{}
	}
	_, hasRemaining := headerInt(h, "X-Ratelimit-Remain")
	if !hasRemaining {
		_, hasRemaining = headerInt(h, "X-Ratelimit-Remaining")
	}
	return provider.Reading{Limit: st.Limit, Window: st.Window, Remaining: st.Remaining,
		HasRemaining: hasRemaining, Reset: st.Reset}
}
