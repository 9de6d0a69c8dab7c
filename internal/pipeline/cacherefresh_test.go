package pipeline

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/cacherefresh"
	"github.com/leadgen/leadgen/schemas"
	"github.com/prometheus/client_golang/prometheus/testutil"
	kafka "github.com/segmentio/kafka-go"
)

// TestAStreamEventRefreshesTheCachedResultSoTheNextRequestNeedsNoCall
// caches a company's companies_house result with a request by number,
// then feeds the role an officer's appointment as the watch role writes
// it: the role's cache refresher applies it to the cached result, so a
// second request for the company is answered from the cache, with no
// call to Companies House, and names the new officer.
func TestAStreamEventRefreshesTheCachedResultSoTheNextRequestNeedsNoCall(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	cfg := e.config("companies_house", RoleAggregator)
	cfg.Metrics = metrics.New()
	e.start(cfg)
	reqs, cos := requestsFor(1, 0) // the first is by number
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor(ids(reqs)))
	number := cos[0].Number
	calls := len(e.sandbox.CallTimes("companies_house"))

	e.chEvent(number, "officers", "company-officers", "/company/"+number+"/appointments/a1",
		`{"name":"KHAN, Amir","officer_role":"director","appointed_on":"2026-12-01"}`, 41)
	waitForRefresh(t, cfg.Metrics, cacherefresh.Applied)

	again := *reqs[0]
	again.RequestID = "again-" + number
	again.RequestedAt = time.Now().UTC().Truncate(time.Millisecond)
	e.request(&again)
	results := e.resultsOf(e.readCommitted(names.Results(), func(msgs []kafka.Message) bool {
		return len(e.resultsOf(msgs, again.RequestID)) > 0
	}), again.RequestID)
	if r := results[0]; !r.FromCache || r.APICalls != 0 || !slices.ContainsFunc(r.Executives, func(x schemas.Executive) bool { return x.Name == "KHAN, Amir" }) {
		t.Errorf("second result: from cache %v, %d calls, executives %+v; want the cached result with KHAN, Amir", r.FromCache, r.APICalls, r.Executives)
	}
	leads := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor([]string{again.RequestID}))))[again.RequestID]
	if l := leads[len(leads)-1]; !slices.ContainsFunc(l.Executives, func(x schemas.Executive) bool { return x.Name == "Amir Khan" }) {
		t.Errorf("second lead's executives %+v; want Amir Khan", l.Executives)
	}
	if now := len(e.sandbox.CallTimes("companies_house")); now != calls {
		t.Errorf("Companies House was called %d times after the event; the cache should have answered", now-calls)
	}
}

// waitForRefresh polls leadgen_cache_refreshes_total until an event had
// the given outcome, failing t after a minute.
func waitForRefresh(t *testing.T, m *metrics.Metrics, outcome string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	probe := time.NewTicker(20 * time.Millisecond) // as a scrape would
	defer probe.Stop()
	for testutil.ToFloat64(m.CacheRefreshes.WithLabelValues(outcome)) < 1 {
		select {
		case <-ctx.Done():
			t.Fatalf("no Companies House event was %s to the cache", outcome)
		case <-probe.C:
		}
	}
}
