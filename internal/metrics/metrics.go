// Package metrics defines leadgen's Prometheus metrics and serves them with
// the health endpoints.
package metrics

import (
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/plugin/kprom"
)

// Metrics are the series every role writes to. Names follow Prometheus
// conventions: leadgen_ prefix, _total counters, base units.
type Metrics struct {
	Registry *prometheus.Registry

	ProviderCalls   *prometheus.CounterVec   // provider, outcome
	ProviderLatency *prometheus.HistogramVec // provider, outcome
	Undecodable     *prometheus.CounterVec   // topic
	DeadLetters     *prometheus.CounterVec   // provider, class
	InFlight        *prometheus.GaugeVec     // provider
	Leads           *prometheus.CounterVec   // complete
	RequestToLead   prometheus.Histogram
	LeadCost        prometheus.Histogram
	BreakerState    *prometheus.GaugeVec   // provider: 0 closed, 1 half-open, 2 open
	Routed          *prometheus.CounterVec // provider, destination, class
	FallbackLayer   *prometheus.CounterVec // provider, layer
	RetryWaiting    *prometheus.GaugeVec   // provider
	DLQFlood        *prometheus.GaugeVec   // provider: 1 while consumption is paused
	Cache           *prometheus.CounterVec // provider, result (hit, miss, stale)
	LimiterWait     *prometheus.HistogramVec
	// The quota of each provider's API and what waiting for it costs.
	QuotaLimit          *prometheus.GaugeVec     // provider
	QuotaWindow         *prometheus.GaugeVec     // provider
	QuotaRemaining      *prometheus.GaugeVec     // provider
	QuotaCalls          *prometheus.CounterVec   // provider, outcome (ok, rate_limited)
	QuotaWait           *prometheus.CounterVec   // provider
	QuotaWaiting        *prometheus.GaugeVec     // provider
	QuotaDrain          *prometheus.GaugeVec     // provider
	QuotaCallsPerLookup *prometheus.HistogramVec // provider
	QuotaDeferrals      *prometheus.CounterVec   // provider
	RedisUp             prometheus.Gauge
	// StateRestore times restores by whether they rebuilt the store from
	// the whole changelog ("true") or replayed it from a checkpoint.
	StateRestore *prometheus.HistogramVec
	// StateReplayed counts the changelog records restores replayed, and
	// StateReplayedBytes their keys' and values' bytes.
	StateReplayed      *prometheus.CounterVec
	StateReplayedBytes *prometheus.CounterVec
	// AggregatorReinits counts producers the aggregator replaced after a
	// transaction it could not end.
	AggregatorReinits prometheus.Counter
	// RequestAnomalies counts requests answered despite an oddity (see
	// requestcheck.Anomaly), once per request, by the designated worker.
	RequestAnomalies *prometheus.CounterVec // kind
	// CacheRefreshes counts the Companies House stream events the
	// companies_house role applied to its result cache, by outcome
	// (applied, unchanged, absent, undecodable; see processors/cacherefresh).
	CacheRefreshes *prometheus.CounterVec // outcome
	// AggregatorStalled is how long the aggregator's batches have failed
	// without one committing (0 while they commit), read at scrape time
	// from the function SetAggregatorStall gives.
	AggregatorStalled prometheus.GaugeFunc
	stall             atomic.Pointer[func() time.Duration]
	// state gives the aggregator's state store gauges (state.go).
	state atomic.Pointer[func() State]
	// waiting writes the requests the aggregator holds by the provider
	// they wait for (waiting.go).
	waiting *waitingCollector
}

// SetAggregatorStall gives the function leadgen_aggregator_stalled_seconds
// reads.
func (m *Metrics) SetAggregatorStall(fn func() time.Duration) { m.stall.Store(&fn) }

func (m *Metrics) stalledSeconds() float64 {
	if fn := m.stall.Load(); fn != nil {
		return (*fn)().Seconds()
	}
	return 0
}

// New registers leadgen's metrics, plus the Go and process collectors, on a
// fresh registry.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f := factory{reg}
	m := &Metrics{
		Registry:        reg,
		ProviderCalls:   f.counter("leadgen_provider_lookups_total", "Provider lookups by outcome (ok, not_found, or an error class).", "provider", "outcome"),
		ProviderLatency: f.histogram("leadgen_provider_lookup_duration_seconds", "Provider lookup latency.", "provider", "outcome"),
		Undecodable:     f.counter("leadgen_undecodable_records_total", "Records whose value could not be decoded.", "topic"),
		DeadLetters:     f.counter("leadgen_dlq_records_total", "Records sent to the dead-letter topic.", "provider", "class"),
		InFlight:        f.gauge("leadgen_in_flight_records", "Records being handled now.", "provider"),
		Leads:           f.counter("leadgen_leads_total", "Enriched lead versions emitted.", "complete"),
		RequestToLead:   f.plainHistogram("leadgen_request_to_lead_seconds", "Time from request to the first lead version."),
		LeadCost:        f.plainHistogram("leadgen_lead_cost_usd", "API cost of one lead in US dollars."),
		BreakerState:    f.gauge("leadgen_breaker_state", "Circuit breaker state: 0 closed, 1 half-open, 2 open.", "provider"),
		Routed:          f.counter("leadgen_routed_records_total", "Failed attempts routed, by destination (retry tier, fallback, dlq).", "provider", "destination", "class"),
		FallbackLayer:   f.counter("leadgen_fallback_results_total", "Fallback results by the layer that answered.", "provider", "layer"),
		RetryWaiting:    f.gauge("leadgen_retry_waiting_records", "Retry records held until their due time.", "provider"),
		DLQFlood:        f.gauge("leadgen_dlq_flood_paused", "1 while a provider's input is paused because dead letters flood.", "provider"),
		Cache:           f.counter("leadgen_cache_lookups_total", "Result cache lookups by result: hit, miss, stale.", "provider", "result"),
		LimiterWait:     f.histogram("leadgen_ratelimit_wait_seconds", "Time an API call waited for its rate limit.", "provider"),
		QuotaLimit:      f.gauge("leadgen_quota_limit_calls", "Calls the limiter allows per window: configured, or lower when the API states a lower quota.", "provider"),
		QuotaWindow:     f.gauge("leadgen_quota_window_seconds", "The quota's window.", "provider"),
		QuotaRemaining:  f.gauge("leadgen_quota_remaining_calls", "Calls left in the API's current window, as the API last reported.", "provider"),
		QuotaCalls:      f.counter("leadgen_quota_api_calls_total", "HTTP calls made to the API through its limiter, by outcome (ok, rate_limited: a 429).", "provider", "outcome"),
		QuotaWait:       f.counter("leadgen_quota_wait_seconds_total", "Time lookups spent waiting for the quota.", "provider"),
		QuotaWaiting:    f.gauge("leadgen_quota_waiting_lookups", "Lookups waiting for the quota now.", "provider"),
		QuotaDrain:      f.gauge("leadgen_quota_drain_seconds", "Estimated time to drain the lookups waiting in this process at the quota.", "provider"),
		QuotaCallsPerLookup: f.buckets("leadgen_quota_calls_per_lookup", "API calls one lookup made, deferred attempts included.",
			prometheus.LinearBuckets(1, 1, 10), "provider"),
		QuotaDeferrals: f.counter("leadgen_quota_deferrals_total", "Lookups deferred because the API answered 429, retried when it said.", "provider"),
		RedisUp:        f.plainGauge("leadgen_redis_up", "1 while Redis answers, 0 while leadgen runs without it."),
		AggregatorReinits: f.plainCounter("leadgen_aggregator_producer_reinits_total",
			"Transactional producers the aggregator replaced after a transaction it could not end."),
		StateRestore: f.buckets("leadgen_aggregator_state_restore_seconds",
			"Time the aggregator took to restore the state of the partitions assigned to it.", prometheus.ExponentialBuckets(0.01, 4, 8), "rebuild"),
		StateReplayed: f.counter("leadgen_aggregator_state_replayed_records_total",
			"Changelog records the aggregator replayed into its local store at restore.", "rebuild"),
		StateReplayedBytes: f.counter("leadgen_aggregator_state_replayed_bytes_total",
			"Bytes of changelog records (keys and values) the aggregator replayed into its local store at restore.", "rebuild"),
		RequestAnomalies: f.counter("leadgen_request_anomalies_total",
			"Requests answered despite an oddity: requested_at_out_of_range, key_mismatch.", "kind"),
		CacheRefreshes: f.counter("leadgen_cache_refreshes_total",
			"Companies House stream events applied to the companies_house result cache, by outcome: applied, unchanged, absent (no cached result of the company), undecodable.", "outcome"),
	}
	m.AggregatorStalled = prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "leadgen_aggregator_stalled_seconds",
		Help: "How long the aggregator's batches have failed without one committing, while input waits (0 while they commit)."},
		m.stalledSeconds)
	reg.MustRegister(m.AggregatorStalled)
	m.waiting = newWaitingCollector()
	reg.MustRegister(m.waiting)
	registerState(reg, &m.state)
	return m
}

// KafkaHooks returns franz-go's client metrics (kprom) for one client,
// labelled with its client id, as leadgen_kafka_* series. Give each
// client its own id; a second client with the same id is not counted
// (a short-lived one, such as the aggregator's state reader).
func (m *Metrics) KafkaHooks() kgo.Opt {
	return kgo.WithHooks(kprom.NewMetrics("leadgen", kprom.Subsystem("kafka"),
		kprom.Registerer(tolerant{m.Registry}), kprom.WithClientLabel()))
}

// tolerant registers what it can and ignores a duplicate instead of
// panicking.
type tolerant struct{ prometheus.Registerer }

func (t tolerant) MustRegister(cs ...prometheus.Collector) {
	for _, c := range cs {
		_ = t.Register(c)
	}
}

type factory struct{ reg *prometheus.Registry }

func (f factory) counter(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(c)
	return c
}

func (f factory) gauge(name, help string, labels ...string) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(g)
	return g
}

func (f factory) plainCounter(name, help string) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	f.reg.MustRegister(c)
	return c
}

func (f factory) plainGauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	f.reg.MustRegister(g)
	return g
}

func (f factory) histogram(name, help string, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)}, labels)
	f.reg.MustRegister(h)
	return h
}

func (f factory) plainHistogram(name, help string) prometheus.Histogram {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: name, Help: help, Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)})
	f.reg.MustRegister(h)
	return h
}

func (f factory) buckets(name, help string, b []float64, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: b}, labels)
	f.reg.MustRegister(h)
	return h
}
