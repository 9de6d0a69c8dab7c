// Package metrics defines leadgen's Prometheus metrics and serves them with
// the health endpoints.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
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
	RedisUp         prometheus.Gauge
	// AggregatorReinits counts producers the aggregator replaced after a
	// transaction it could not end.
	AggregatorReinits prometheus.Counter
}

// New registers leadgen's metrics, plus the Go and process collectors, on a
// fresh registry.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	f := factory{reg}
	return &Metrics{
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
		RedisUp:         f.plainGauge("leadgen_redis_up", "1 while Redis answers, 0 while leadgen runs without it."),
		AggregatorReinits: f.plainCounter("leadgen_aggregator_producer_reinits_total",
			"Transactional producers the aggregator replaced after a transaction it could not end."),
	}
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
