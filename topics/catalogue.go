// Package topics holds the catalogue of every Kafka topic leadgen uses
// (DESIGN §4) and provisions it on a cluster.
package topics

import (
	"fmt"
	"strings"
	"time"

	"github.com/leadgen/leadgen/processors/registry"
)

// Providers are the provider names every catalogue carries retry and
// fallback topics for, enabled or not, so enabling one later needs no
// topic changes: the registry's providers.
var Providers = registry.Providers()

// DefaultTiers are the retry delay tiers (DESIGN §4).
var DefaultTiers = []time.Duration{10 * time.Second, time.Minute, 10 * time.Minute}

// Names builds topic names with an optional environment prefix.
type Names struct {
	// Prefix is prepended verbatim, e.g. "staging.".
	Prefix string
	// MirrorLeadsJSON turns on the LeadsJSON mirror topic: the catalogue
	// lists it, and whatever writes a lead or tombstone on Leads writes
	// the same on LeadsJSON, the value as JSON (--leads-json-topic).
	MirrorLeadsJSON bool
}

// Requests is the input topic.
func (n Names) Requests() string { return n.Prefix + "company-requests" }

// Results is the topic providers write discovery results to.
func (n Names) Results() string { return n.Prefix + "discovery-results" }

// Leads is the compacted output topic.
func (n Names) Leads() string { return n.Prefix + "enriched-leads" }

// LeadsJSON is the optional JSON mirror of Leads, compacted and keyed the
// same, for teams without Avro (see MirrorLeadsJSON).
func (n Names) LeadsJSON() string { return n.Prefix + "enriched-leads.json" }

// DLQ is the dead-letter topic.
func (n Names) DLQ() string { return n.Prefix + "company-requests.dlq" }

// DLQState is the dead letters' compacted lifecycle topic (see
// internal/dlq/letterstate).
func (n Names) DLQState() string { return n.Prefix + "company-requests.dlq.state" }

// ProviderHealth is where every worker process publishes its providers'
// health (compacted, one partition; see internal/healthlog).
func (n Names) ProviderHealth() string { return n.Prefix + "leadgen-provider-health" }

// AggregatorState is the aggregator's compacted changelog. It must have as
// many partitions as Results: state partition p holds the requests of
// results partition p.
func (n Names) AggregatorState() string { return n.Prefix + "leadgen-aggregator-state" }

// LeadResults is the aggregator's internal topic between its two stages:
// each request's results, once every expected provider has reported, keyed
// by lead_key, so that every request for one company reaches the one owner
// of that lead_key, which merges them and numbers the lead's versions.
func (n Names) LeadResults() string { return n.Prefix + "leadgen-aggregator-lead-results" }

// LeadState is the changelog of the aggregator's per-lead_key stage
// (compacted). It must have as many partitions as LeadResults: state
// partition p holds the lead keys of LeadResults partition p.
func (n Names) LeadState() string { return n.Prefix + "leadgen-aggregator-lead-state" }

// CompaniesHouseEvents carries the Companies House streaming API's events
// about watched companies, keyed by company number (the watch role).
func (n Names) CompaniesHouseEvents() string { return n.Prefix + "companies-house-events" }

// LeadChanges says, for each new version of a lead, what changed since
// the one before, in words, keyed by lead_key (the aggregator).
func (n Names) LeadChanges() string { return n.Prefix + "lead-changes" }

// Watchlist is the compacted set of watched companies, keyed by company
// number; a tombstone stops watching one.
func (n Names) Watchlist() string { return n.Prefix + "watchlist" }

// WatchTimepoints is the watch role's compacted position in each stream,
// keyed by stream name, written in the transaction that produced the
// stream's events up to it.
func (n Names) WatchTimepoints() string { return n.Prefix + "leadgen-watch-timepoints" }

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

// DefaultErasureBound is the default of Config.ErasureBound: a day, short
// enough that an erasure is physically done within days, long enough that
// a compacted topic's segments are not rolled and cleaned all day long and
// a consumer group stopped over a night loses no input.
const DefaultErasureBound = 24 * time.Hour

// MinErasureBound is the smallest bound Validate accepts; below it Kafka
// would roll a segment and run the cleaner almost continuously.
const MinErasureBound = time.Minute

// Config shapes the catalogue.
type Config struct {
	Names Names
	// Partitions of the input and results topics (default 6). Retry,
	// fallback and dlq topics use the same count so a key keeps its
	// partition on every hop.
	Partitions int32
	// Tiers are the retry delays (default DefaultTiers).
	Tiers []time.Duration
	// ErasureBound bounds each step by which Kafka removes a record once
	// it is erased (default DefaultErasureBound). Compacted topics get it
	// as segment.ms, max.compaction.lag.ms and delete.retention.ms;
	// discovery-results, which names people, gets it as segment.ms and
	// twice it as retention.ms. The input topics name companies only and
	// keep a week, so a backlog waiting for a quota is not lost; the
	// dead-letter topic is an audit log kept 28 days. Erased people are
	// gone from disk within ErasureHorizon of the erasure.
	ErasureBound time.Duration
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
	if c.ErasureBound == 0 {
		c.ErasureBound = DefaultErasureBound
	}
}

// Validate checks the erasure bound: at least MinErasureBound, and not
// shorter than the longest retry tier (a tier's record must outlive its
// delay in every topic it passes through).
func (c Config) Validate() error {
	c.setDefaults()
	if c.ErasureBound < MinErasureBound {
		return fmt.Errorf("erasure bound %s: must be at least %s", c.ErasureBound, MinErasureBound)
	}
	if longest := c.Tiers[len(c.Tiers)-1]; c.ErasureBound < longest {
		return fmt.Errorf("erasure bound %s: must be at least the longest retry tier, %s", c.ErasureBound, FormatDelay(longest))
	}
	return nil
}

// ErasureHorizon is how long after an erasure the erased data can still be
// on a Kafka broker's disk, three times the bound:
//
//   - compacted topics: the record written by the erasure (a tombstone or a
//     new version) sits in the active segment until it rolls, at most
//     segment.ms; the cleaner must then compact that segment within
//     max.compaction.lag.ms, which removes the erased value: two bounds. A
//     tombstone, which holds only the key, goes at the first cleaning
//     delete.retention.ms after that;
//   - other topics: a record's segment rolls within segment.ms of it, and
//     the segment is deleted retention.ms (twice the bound) after its
//     newest record: three bounds.
//
// Kafka rolls a segment only when a record arrives, so the first step waits
// for the partition's next write after segment.ms.
func (c Config) ErasureHorizon() time.Duration {
	c.setDefaults()
	return 3 * c.ErasureBound
}

// inputRetention is how long the input topics (requests, retry tiers,
// fallbacks) keep a record: they name companies, never people, and a
// backlog waiting for a provider's quota (a large file against Companies
// House's 600 calls per 5 minutes takes hours, a spent daily quota a day)
// must not expire before it is read.
const inputRetention = 7 * 24 * time.Hour

// deadLetterRetention is how long the dead-letter topic keeps a letter:
// long enough to see a provider outage through and replay its letters. It
// is the one topic kept past the erasure horizon (README, Topics).
const deadLetterRetention = 28 * 24 * time.Hour

// Catalogue lists every topic leadgen needs, in a stable order.
func Catalogue(cfg Config) []Spec {
	cfg.setDefaults()
	n := cfg.Names
	bound := cfg.ErasureBound
	specs := []Spec{
		{n.Requests(), cfg.Partitions, expiring(bound, inputRetention)},
		{n.Results(), cfg.Partitions, expiring(bound, 2*bound)},
		{n.Leads(), cfg.Partitions, compacted(bound)},
		{n.AggregatorState(), cfg.Partitions, compacted(bound)},
		{n.LeadResults(), cfg.Partitions, expiring(bound, 2*bound)},
		{n.LeadState(), cfg.Partitions, compacted(bound)},
		{n.DLQ(), cfg.Partitions, expiring(bound, deadLetterRetention)},
		{n.DLQState(), 1, compacted(bound)},
		{n.ProviderHealth(), 1, compacted(bound)},
		{n.Erasures(), 1, compacted(bound)},
		{n.CompaniesHouseEvents(), cfg.Partitions, expiring(bound, 2*bound)},
		{n.Watchlist(), cfg.Partitions, compacted(bound)},
		{n.LeadChanges(), cfg.Partitions, expiring(bound, 2*bound)},
		{n.WatchTimepoints(), 1, compacted(bound)},
	}
	if n.MirrorLeadsJSON {
		specs = append(specs, Spec{n.LeadsJSON(), cfg.Partitions, compacted(bound)})
	}
	for _, p := range Providers {
		for _, d := range cfg.Tiers {
			specs = append(specs, Spec{n.Retry(p, d), cfg.Partitions, expiring(bound, inputRetention)})
		}
		specs = append(specs, Spec{n.Fallback(p), cfg.Partitions, expiring(bound, inputRetention)})
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

// expiring is the configs of a topic whose records are deleted by age:
// segments roll every segment and are deleted retain after their newest
// record.
func expiring(segment, retain time.Duration) map[string]string {
	return map[string]string{"segment.ms": millis(segment), "retention.ms": millis(retain)}
}

// compacted is the configs of a compacted topic whose superseded values
// and tombstones are gone within three times bound (Config.ErasureHorizon).
func compacted(bound time.Duration) map[string]string {
	return map[string]string{
		"cleanup.policy":        "compact",
		"segment.ms":            millis(bound),
		"max.compaction.lag.ms": millis(bound),
		"delete.retention.ms":   millis(bound),
	}
}

func millis(d time.Duration) string { return fmt.Sprint(d.Milliseconds()) }
