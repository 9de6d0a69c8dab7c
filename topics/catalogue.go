// Package topics holds the catalogue of every Kafka topic leadgen uses
// (DESIGN §4) and provisions it on a cluster.
package topics

import (
	"fmt"
	"strings"
	"time"
)

// Providers are the provider names every catalogue carries retry and
// fallback topics for, enabled or not, so enabling one later needs no
// topic changes.
var Providers = []string{"companies_house", "x", "linkedin", "facebook", "website"}

// DefaultTiers are the retry delay tiers (DESIGN §4).
var DefaultTiers = []time.Duration{10 * time.Second, time.Minute, 10 * time.Minute}

// Names builds topic names with an optional environment prefix.
type Names struct {
	// Prefix is prepended verbatim, e.g. "staging.".
	Prefix string
}

// Requests is the input topic.
func (n Names) Requests() string { return n.Prefix + "company-requests" }

// Results is the topic providers write discovery results to.
func (n Names) Results() string { return n.Prefix + "discovery-results" }

// Leads is the compacted output topic.
func (n Names) Leads() string { return n.Prefix + "enriched-leads" }

// DLQ is the dead-letter topic.
func (n Names) DLQ() string { return n.Prefix + "company-requests.dlq" }

// AggregatorState is the aggregator's compacted changelog. It must have as
// many partitions as Results: state partition p holds the requests of
// results partition p.
func (n Names) AggregatorState() string { return n.Prefix + "leadgen-aggregator-state" }

// Erasures records GDPR erasures (compacted, one partition).
func (n Names) Erasures() string { return n.Prefix + "leadgen-erasures" }

// Retry is the retry topic of one provider and delay tier.
func (n Names) Retry(provider string, delay time.Duration) string {
	return fmt.Sprintf("%scompany-requests.retry.%s.%s", n.Prefix, provider, FormatDelay(delay))
}

// Fallback is the fallback topic of one provider.
func (n Names) Fallback(provider string) string {
	return n.Prefix + "company-requests.fallback." + provider
}

// FormatDelay writes a tier delay the way topic names carry it: the largest
// whole unit, "10s", "1m", "2h", "500ms".
func FormatDelay(d time.Duration) string {
	switch {
	case d%time.Second != 0:
		return fmt.Sprintf("%dms", d/time.Millisecond)
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	default:
		return fmt.Sprintf("%ds", d/time.Second)
	}
}

// ParseTiers reads a comma-separated list of delays ("10s,1m,10m"); the
// delays must be whole milliseconds, at least 100ms, and strictly
// increasing.
func ParseTiers(s string) ([]time.Duration, error) {
	var tiers []time.Duration
	for _, part := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(part))
		if err != nil {
			return nil, fmt.Errorf("retry tier %q: %w", part, err)
		}
		if d < 100*time.Millisecond || d%time.Millisecond != 0 {
			return nil, fmt.Errorf("retry tier %q: must be a whole number of milliseconds, at least 100ms", part)
		}
		if len(tiers) > 0 && d <= tiers[len(tiers)-1] {
			return nil, fmt.Errorf("retry tier %q: tiers must increase", part)
		}
		tiers = append(tiers, d)
	}
	return tiers, nil
}

// Spec is one topic of the catalogue.
type Spec struct {
	Name       string
	Partitions int32
	Configs    map[string]string
}

// Config shapes the catalogue.
type Config struct {
	Names Names
	// Partitions of the input and results topics (default 6). Retry,
	// fallback and dlq topics use the same count so a key keeps its
	// partition on every hop.
	Partitions int32
	// Tiers are the retry delays (default DefaultTiers).
	Tiers []time.Duration
	// Extra configs applied to every topic that is not compacted, e.g.
	// retention.bytes for the embedded broker, which keeps every record in
	// memory. Compacted topics (leads, aggregator state, erasures) keep
	// their latest value per key whatever their size.
	Extra map[string]string
}

func (c *Config) setDefaults() {
	if c.Partitions == 0 {
		c.Partitions = 6
	}
	if c.Tiers == nil {
		c.Tiers = DefaultTiers
	}
}

const week = 7 * 24 * time.Hour

// Catalogue lists every topic leadgen needs, in a stable order.
func Catalogue(cfg Config) []Spec {
	cfg.setDefaults()
	n := cfg.Names
	retain := func(d time.Duration) map[string]string {
		return map[string]string{"retention.ms": fmt.Sprint(d.Milliseconds())}
	}
	compact := func() map[string]string { return map[string]string{"cleanup.policy": "compact"} }
	specs := []Spec{
		{n.Requests(), cfg.Partitions, retain(week)},
		{n.Results(), cfg.Partitions, retain(week)},
		{n.Leads(), cfg.Partitions, compact()},
		{n.AggregatorState(), cfg.Partitions, compact()},
		{n.DLQ(), cfg.Partitions, retain(4 * week)},
		{n.Erasures(), 1, compact()},
	}
	for _, p := range Providers {
		for _, d := range cfg.Tiers {
			specs = append(specs, Spec{n.Retry(p, d), cfg.Partitions, retain(week)})
		}
		specs = append(specs, Spec{n.Fallback(p), cfg.Partitions, retain(week)})
	}
	for i := range specs {
		if specs[i].Configs["cleanup.policy"] == "compact" {
			continue
		}
		for k, v := range cfg.Extra {
			if _, set := specs[i].Configs[k]; !set {
				specs[i].Configs[k] = v
			}
		}
	}
	return specs
}
