// Package cacherefresh keeps the companies_house provider's result cache
// up to date with the Companies House streaming API's events, as the
// watch role writes them to companies-house-events: an officer appointed
// or resigned, a person with significant control notified or ceased, or a
// company's status changed updates the cached result of that company with
// the event's data. The event carries the resource, so no API call is
// made.
//
// # What is refreshed
//
// Only entries of lookups by company number: their key is the number
// (cache.Key), which every event carries. An entry of a lookup by name
// only is keyed by the normalised name, which an officer or PSC event does
// not carry; it is left to its TTL. An event for a company with no entry
// does nothing: the refresher never makes a lookup of its own.
//
// An updated entry keeps the time it was stored, so the cache TTL still
// forces a full lookup in time (an event refreshes one resource, not the
// whole answer), and keeps the request that paid for it with that
// request's cost, so that request re-delivered after a crash is still
// charged as first answered (cache.Fresh). An event older than the
// entry's result, which the lookup has therefore seen, is not applied.
//
// # Consumption
//
// Each process running the companies_house role runs one refresher with a
// consumer of its own, in no consumer group and committing nothing. It
// reads committed records only (the watch role writes its events in
// transactions) and starts at the first record stamped at or after its
// own start: the topic's end when the process starts, without missing an
// event produced while it looks that end up. Every process reads every
// event because each keeps its own in-process cache level fresh; all of
// them write the shared Redis level, where their writes are equal (one
// that reads the entry from Redis finds the event already applied and
// writes nothing). An event produced while no process runs is not
// applied: the cache is left as stale as it would be without the
// refresher, until its TTL ends, and the aggregator refreshes the lead
// from the event anyway.
//
// Reading an entry and writing it back are two steps: a lookup that stores
// a new answer of the same company in between is overwritten by the older
// entry with the event applied, which keeps the older time stored and so
// gives way to a lookup sooner.
package cacherefresh

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// The outcomes of one event, as Config.Count is told them.
const (
	// Applied: the event changed the cached result, which was stored back.
	Applied = "applied"
	// Unchanged: the event changes nothing the cached result holds, or
	// the result is newer than the event.
	Unchanged = "unchanged"
	// Absent: no cached result of the event's company.
	Absent = "absent"
	// Undecodable: the record, or the resource it carries, does not
	// decode; it is logged and skipped.
	Undecodable = "undecodable"
)

// Config configures a Refresher.
type Config struct {
	// Topic is the events topic (topics.Names.CompaniesHouseEvents).
	Topic string
	// Store is the companies_house role's result cache.
	Store *cache.Store
	// Start is the time from which records are read: the first record
	// stamped at or after it in each partition (default: when New is
	// called).
	Start time.Time
	// Count is told the outcome of every event that can change a result
	// (default: nothing).
	Count  func(outcome string)
	Logger *slog.Logger
}

// Refresher applies companies-house-events to the provider cache.
type Refresher struct {
	cfg Config
	cl  *kgo.Client
}

// New returns a Refresher whose consumer is built with opts (brokers,
// security, client id) and the refresher's own consumption options.
func New(cfg Config, opts ...kgo.Opt) (*Refresher, error) {
	if cfg.Topic == "" || cfg.Store == nil {
		return nil, errors.New("cache refresher: a topic and a store are required")
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Now()
	}
	if cfg.Count == nil {
		cfg.Count = func(string) {}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	cl, err := kgo.NewClient(append(opts[:len(opts):len(opts)],
		kgo.ConsumeTopics(cfg.Topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AfterMilli(cfg.Start.UnixMilli())),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()))...)
	if err != nil {
		return nil, fmt.Errorf("cache refresher: %w", err)
	}
	return &Refresher{cfg: cfg, cl: cl}, nil
}

// Run applies the topic's records until ctx ends, then closes the
// consumer. Fetch errors are logged; the client retries them.
func (r *Refresher) Run(ctx context.Context) error {
	defer r.cl.Close()
	for {
		fetches := r.cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil
		}
		fetches.EachError(func(topic string, p int32, err error) {
			r.cfg.Logger.Warn("cache refresher: fetch failed", "topic", topic, "partition", p, "err", err)
		})
		fetches.EachRecord(func(rec *kgo.Record) { r.record(ctx, rec) })
	}
}

// record applies one record and counts its outcome, logging an
// undecodable one.
func (r *Refresher) record(ctx context.Context, rec *kgo.Record) {
	outcome, err := r.apply(ctx, rec.Value)
	if err != nil {
		r.cfg.Logger.Warn("cache refresher: event skipped", "topic", rec.Topic, "partition", rec.Partition,
			"offset", rec.Offset, "err", err)
	}
	if outcome != "" {
		r.cfg.Count(outcome)
	}
}

// apply applies the event encoded in value to the cached result of its
// company and returns the outcome, or "" for an event that cannot change
// a result. An error comes with Undecodable.
func (r *Refresher) apply(ctx context.Context, value []byte) (string, error) {
	ev, err := schemas.DecodeCompaniesHouseEvent(value)
	if err != nil {
		return Undecodable, fmt.Errorf("decode event: %w", err)
	}
	if !companieshouse.Refreshes(ev.ResourceKind) {
		return "", nil
	}
	if ev.CompanyNumber == "" {
		return Absent, nil
	}
	k := key(ev.CompanyNumber)
	e, ok := r.cfg.Store.Get(ctx, k)
	if !ok {
		return Absent, nil
	}
	if ev.ReceivedAt.Before(e.Result.FetchedAt) {
		return Unchanged, nil
	}
	updated, changed, err := companieshouse.ApplyEvent(e.Result, ev)
	if err != nil {
		return Undecodable, fmt.Errorf("company %s: %w", ev.CompanyNumber, err)
	}
	if !changed {
		return Unchanged, nil
	}
	r.cfg.Store.Put(ctx, k, refreshed(e.Result, updated), e.StoredAt)
	return Applied, nil
}

// key is the cache key of the companies_house result of company number,
// as a lookup by that number stores it.
func key(number string) string {
	return cache.Key(companieshouse.ProviderName, &schemas.CompanyRequest{CompanyNumber: &number})
}

// refreshed is updated, the result of applying an event to stored, with
// what the cache remembers of the lookup that paid for stored: its API
// calls, cost and latency, and whether it came from a cache.
func refreshed(stored, updated *schemas.DiscoveryResult) *schemas.DiscoveryResult {
	out := *updated
	out.RequestID = stored.RequestID
	out.APICalls, out.CostUSD, out.LatencyMs, out.FromCache = stored.APICalls, stored.CostUSD, stored.LatencyMs, stored.FromCache
	return &out
}
