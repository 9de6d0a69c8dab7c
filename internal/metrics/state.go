package metrics

import (
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// State is what the aggregator's local state store holds now.
type State struct {
	DiskBytes uint64
	// Keys are the states of the owned partitions, by stage (request,
	// lead).
	Keys map[string]int
	// CacheHitRatio is the share of state reads the hot cache answered.
	CacheHitRatio float64
}

// stateCollector writes the store's gauges from the function
// SetAggregatorState gives, read at scrape time.
type stateCollector struct {
	fn       atomic.Pointer[func() State]
	disk     *prometheus.Desc
	keys     *prometheus.Desc
	hitRatio *prometheus.Desc
}

func newStateCollector() *stateCollector {
	return &stateCollector{
		disk: prometheus.NewDesc("leadgen_aggregator_state_disk_bytes",
			"Bytes the aggregator's local state store takes on disk.", nil, nil),
		keys: prometheus.NewDesc("leadgen_aggregator_state_keys",
			"States the aggregator holds for its partitions, by stage (request, lead).", []string{"stage"}, nil),
		hitRatio: prometheus.NewDesc("leadgen_aggregator_state_cache_hit_ratio",
			"Share of the aggregator's state reads its in-memory cache answered, since it started.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.disk
	ch <- c.keys
	ch <- c.hitRatio
}

// Collect implements prometheus.Collector.
func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	fn := c.fn.Load()
	if fn == nil {
		return
	}
	s := (*fn)()
	ch <- prometheus.MustNewConstMetric(c.disk, prometheus.GaugeValue, float64(s.DiskBytes))
	for stage, n := range s.Keys {
		ch <- prometheus.MustNewConstMetric(c.keys, prometheus.GaugeValue, float64(n), stage)
	}
	ch <- prometheus.MustNewConstMetric(c.hitRatio, prometheus.GaugeValue, s.CacheHitRatio)
}

// SetAggregatorState gives the function the aggregator's state store
// series read.
func (m *Metrics) SetAggregatorState(fn func() State) { m.state.fn.Store(&fn) }
