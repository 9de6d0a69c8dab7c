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

// stateStages are the stages leadgen_aggregator_state_keys counts.
var stateStages = []string{"request", "lead"}

// registerState registers the state store's gauges, read at scrape time
// from the function SetAggregatorState gives (0 before it is given).
func registerState(reg prometheus.Registerer, fn *atomic.Pointer[func() State]) {
	read := func(get func(State) float64) func() float64 {
		return func() float64 {
			if f := fn.Load(); f != nil {
				return get((*f)())
			}
			return 0
		}
	}
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "leadgen_aggregator_state_disk_bytes",
		Help: "Bytes the aggregator's local state store takes on disk."}, read(func(s State) float64 { return float64(s.DiskBytes) })))
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "leadgen_aggregator_state_cache_hit_ratio",
		Help: "Share of the aggregator's state reads its in-memory cache answered, since it started."},
		read(func(s State) float64 { return s.CacheHitRatio })))
	for _, stage := range stateStages {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "leadgen_aggregator_state_keys",
			Help:        "States the aggregator holds for its partitions, by stage (request, lead).",
			ConstLabels: prometheus.Labels{"stage": stage}}, read(func(s State) float64 { return float64(s.Keys[stage]) })))
	}
}

// SetAggregatorState gives the function the aggregator's state store
// series read.
func (m *Metrics) SetAggregatorState(fn func() State) { m.state.Store(&fn) }
