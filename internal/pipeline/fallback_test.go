package pipeline

import (
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

// resultsOf decodes the discovery results of one request.
func (e *env) resultsOf(msgs []kafka.Message, id string) []*schemas.DiscoveryResult {
	e.t.Helper()
	var out []*schemas.DiscoveryResult
	for _, m := range msgs {
		r, err := schemas.DecodeDiscoveryResult(m.Value)
		if err != nil {
			e.t.Fatal(err)
		}
		if r.RequestID == id {
			out = append(out, r)
		}
	}
	return out
}

func TestWhenCompaniesHouseIsDownTheFallbackAsksOpenCorporates(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	if err := e.sandbox.SetFaults(sandbox.ProviderCompaniesHouse, sandbox.Faults{Status5xx: 1}); err != nil {
		t.Fatal(err)
	}
	cfg := e.config(ch, RoleAggregator)
	cfg.Breaker.MinRequests = 1000
	cfg.Health = health.New()
	e.start(cfg)
	reqs, _ := requestsFor(1, 700) // by company number
	e.request(reqs...)
	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs)))))
	l := got[reqs[0].RequestID][0]
	if !l.Complete || len(l.Executives) == 0 {
		t.Fatalf("lead complete=%v with %d people; want the secondary's officers", l.Complete, len(l.Executives))
	}
	for _, x := range l.Executives {
		if !slices.Equal(x.Sources, []string{"opencorporates"}) {
			t.Errorf("%s sourced from %v, want opencorporates", x.Name, x.Sources)
		}
	}
	res := e.resultsOf(e.readCommitted(names.Results(), atLeast(1)), reqs[0].RequestID)
	if res[0].Status != schemas.StatusFallback || res[0].Layer != schemas.LayerSecondary {
		t.Fatalf("result %s/%s, want FALLBACK/SECONDARY", res[0].Status, res[0].Layer)
	}
	h := cfg.Health.Providers()[ch]
	if h.Errors["transient"] == 0 || h.Lookups != h.Errors["transient"] {
		t.Errorf("health after %d lookups answered 503: recent errors %v, want every one transient", h.Lookups, h.Errors)
	}
}

func TestWithBothSourcesDownTheFallbackServesTheStaleCacheWithLowerConfidence(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	cfg := e.config(ch, RoleAggregator)
	cfg.Breaker.MinRequests = 1000
	cfg.CacheTTL = -1 // every result is stale at once: the next lookup asks the API
	e.start(cfg)
	first, _ := requestsFor(1, 710)
	e.request(first...)
	fresh := e.leads(e.readCommitted(names.Leads(), leadsFor(ids(first))))[0]

	for _, p := range []string{sandbox.ProviderCompaniesHouse, sandbox.ProviderOpenCorporates} {
		if err := e.sandbox.SetFaults(p, sandbox.Faults{Status5xx: 1}); err != nil {
			t.Fatal(err)
		}
	}
	again := *first[0]
	again.RequestID = "again-" + first[0].RequestID
	e.request(&again)
	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor([]string{again.RequestID}))))
	stale := got[again.RequestID][0]
	if len(stale.Executives) != len(fresh.Executives) || !stale.Complete {
		t.Fatalf("stale lead has %d people (fresh %d), complete=%v", len(stale.Executives), len(fresh.Executives), stale.Complete)
	}
	res := e.resultsOf(e.readCommitted(names.Results(), atLeast(2)), again.RequestID)[0]
	if res.Layer != schemas.LayerStaleCache || !res.FromCache || res.Confidence >= fresh.Executives[0].Confidence {
		t.Fatalf("result layer %s from_cache=%v confidence %.2f; want STALE_CACHE, true, below the fresh one", res.Layer, res.FromCache, res.Confidence)
	}
}

// A 429 is deferred in-process up to MaxQuotaWait; past that budget it is
// routed, to the first tier that covers the API's wait.
func TestA429AskingFortyFiveSecondsPastTheQuotaWaitBudgetWaitsInTheOneMinuteTier(t *testing.T) {
	e := newEnvTiers(t, sandbox.Config{}, nil) // the default tiers: 10s, 1m, 10m
	if err := e.sandbox.SetFaults(sandbox.ProviderCompaniesHouse, sandbox.Faults{RateLimited: 1, RetryAfter: 45 * time.Second}); err != nil {
		t.Fatal(err)
	}
	cfg := e.config(ch)
	cfg.MaxQuotaWait = time.Second
	e.start(cfg)
	reqs, _ := requestsFor(1, 720)
	sent := time.Now()
	e.request(reqs...)
	tier := e.readCommitted(names.Retry(ch, time.Minute), keyed(reqs[0].RequestID))
	h := headers(tier[0])
	due, err := time.Parse(time.RFC3339, h[route.HeaderDueAt])
	if err != nil || h[route.HeaderErrorClass] != "rate_limited" {
		t.Fatalf("headers %v", h)
	}
	if due.Before(sent.Add(time.Minute).Add(-time.Second)) {
		t.Fatalf("due at %v, less than the 1m tier after sending at %v", due, sent)
	}
}
