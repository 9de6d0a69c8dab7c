package metrics

import (
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Waiting is what the aggregator waits for from one provider: the
// requests it holds until that provider answers, and how long the oldest
// of them has waited.
type Waiting struct {
	Provider string
	Requests int
	Oldest   time.Duration
}

// waitingCollector writes leadgen_aggregator_waiting_requests and
// leadgen_aggregator_oldest_waiting_seconds from the function
// SetAggregatorWaiting gives, read at scrape time: the oldest wait grows
// while no result arrives, which is when it matters.
type waitingCollector struct {
	fn       atomic.Pointer[func() []Waiting]
	requests *prometheus.Desc
	oldest   *prometheus.Desc
}

func newWaitingCollector() *waitingCollector {
	return &waitingCollector{
		requests: prometheus.NewDesc("leadgen_aggregator_waiting_requests",
			"Requests the aggregator holds until this provider answers (a result, its fallback or its dead letter).", []string{"provider"}, nil),
		oldest: prometheus.NewDesc("leadgen_aggregator_oldest_waiting_seconds",
			"How long the oldest request waiting for this provider has waited since its first result (0 when none waits).", []string{"provider"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *waitingCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.requests
	ch <- c.oldest
}

// Collect implements prometheus.Collector.
func (c *waitingCollector) Collect(ch chan<- prometheus.Metric) {
	fn := c.fn.Load()
	if fn == nil {
		return
	}
	for _, w := range (*fn)() {
		ch <- prometheus.MustNewConstMetric(c.requests, prometheus.GaugeValue, float64(w.Requests), w.Provider)
		ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, w.Oldest.Seconds(), w.Provider)
	}
}

// SetAggregatorWaiting gives the function the aggregator's waiting
// series read, one Waiting per provider.
func (m *Metrics) SetAggregatorWaiting(fn func() []Waiting) { m.waiting.fn.Store(&fn) }
