package ratelimit

import (
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/prometheus/client_golang/prometheus"
)

// gauges are one limiter's metric series; every method is a no-op without
// metrics.
type gauges struct {
	limit, window, left, waitingN, drain prometheus.Gauge
	ok, limited, waitTotal, deferrals    prometheus.Counter
	perLookup                            prometheus.Observer
}

func newGauges(m *metrics.Metrics, provider string) gauges {
	if m == nil {
		return gauges{}
	}
	return gauges{
		limit:     m.QuotaLimit.WithLabelValues(provider),
		window:    m.QuotaWindow.WithLabelValues(provider),
		left:      m.QuotaRemaining.WithLabelValues(provider),
		waitingN:  m.QuotaWaiting.WithLabelValues(provider),
		drain:     m.QuotaDrain.WithLabelValues(provider),
		ok:        m.QuotaCalls.WithLabelValues(provider, "ok"),
		limited:   m.QuotaCalls.WithLabelValues(provider, "rate_limited"),
		waitTotal: m.QuotaWait.WithLabelValues(provider),
		deferrals: m.QuotaDeferrals.WithLabelValues(provider),
		perLookup: m.QuotaCallsPerLookup.WithLabelValues(provider),
	}
}

func (g gauges) quota(q Quota) {
	if g.limit != nil {
		g.limit.Set(float64(q.Calls))
		g.window.Set(q.Period.Seconds())
	}
}

func (g gauges) remaining(n int) {
	if g.left != nil {
		g.left.Set(float64(n))
	}
}

func (g gauges) waited(d time.Duration) {
	if g.waitTotal != nil {
		g.waitTotal.Add(d.Seconds())
	}
}

func (g gauges) call(limited bool) {
	switch {
	case g.ok == nil:
	case limited:
		g.limited.Inc()
	default:
		g.ok.Inc()
	}
}

func (g gauges) deferred() {
	if g.deferrals != nil {
		g.deferrals.Inc()
	}
}

func (g gauges) lookup(calls int) {
	if g.perLookup != nil {
		g.perLookup.Observe(float64(calls))
	}
}

func (g gauges) backlog(waiting int, drain time.Duration) {
	if g.waitingN != nil {
		g.waitingN.Set(float64(waiting))
		g.drain.Set(drain.Seconds())
	}
}
