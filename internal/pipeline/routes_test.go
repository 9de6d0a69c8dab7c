package pipeline

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	"github.com/prometheus/client_golang/prometheus/testutil"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

const ch = "companies_house"

func keyed(key string) func([]kafka.Message) bool {
	return func(msgs []kafka.Message) bool {
		for _, m := range msgs {
			if string(m.Key) == key {
				return true
			}
		}
		return false
	}
}

func TestATransientFailureWalksTheTiersInOrderThenSucceeds(t *testing.T) {
	// Tiers long enough that the API is healed before the tier-1 attempt.
	tiers := []time.Duration{500 * time.Millisecond, 2 * time.Second, 3 * time.Second}
	e := newEnvTiers(t, sandbox.Config{ErrorRate: 1}, tiers)
	cfg := e.config(ch, RoleAggregator)
	cfg.Breaker.MinRequests = 1000
	e.start(cfg)
	reqs, cos := requestsFor(1, 500)
	e.request(reqs...)

	id := reqs[0].RequestID
	first := e.readCommitted(names.Retry(ch, tiers[0]), keyed(id))
	second := e.readCommitted(names.Retry(ch, tiers[1]), keyed(id))
	if err := e.sandbox.SetKnobs(sandbox.Knobs{ErrorRate: 0}); err != nil {
		t.Fatal(err)
	}
	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor([]string{id}))))
	checkLead(t, got[id][0], cos[0])
	if h := headers(first[0]); h[route.HeaderAttempt] != "1" || h[route.HeaderErrorClass] != "transient" || h[route.HeaderDueAt] == "" {
		t.Errorf("tier 0 record headers %v", h)
	}
	if h := headers(second[0]); h[route.HeaderAttempt] != "2" || h[route.HeaderOriginalTopic] != names.Requests() {
		t.Errorf("tier 1 record headers %v", h)
	}
}

func TestAnAuthFailureGoesToTheDeadLetterTopicWithoutRetries(t *testing.T) {
	t.Setenv("LEADGEN_COMPANIES_HOUSE_API_KEY", "invalid") // the sandbox answers 401 to this key
	e := newEnv(t, sandbox.Config{})
	e.start(e.config(ch, RoleAggregator))
	reqs, _ := requestsFor(2, 510)
	e.request(reqs...)
	dlq := e.readCommitted(names.DLQ(), func(m []kafka.Message) bool { return len(m) >= 2 })
	for _, m := range dlq {
		if h := headers(m); h[route.HeaderErrorClass] != "auth" || h[route.HeaderAttempt] != "1" {
			t.Errorf("dlq record %s headers %v; want auth on attempt 1", m.Key, h)
		}
		if v := headers(m)[route.HeaderErrorMessage]; v == "" || strings.Contains(v, "invalid") {
			t.Errorf("error message %q is empty or holds the key", v)
		}
	}
	if calls := e.sandbox.Calls("/companies-house"); calls != 2 {
		t.Errorf("sandbox saw %d calls, want one per request (no retries)", calls)
	}
}

func TestAnOpenBreakerSendsRequestsToTheFallbackWithoutCallingTheAPI(t *testing.T) {
	e := newEnv(t, sandbox.Config{ErrorRate: 1})
	cfg := e.config(ch, RoleAggregator)
	cfg.Breaker.MinRequests, cfg.Breaker.OpenFor = 2, time.Hour
	cfg.MaxInFlight = 1
	e.start(cfg)
	trip, _ := requestsFor(2, 520)
	e.request(trip...)
	e.readCommitted(names.Retry(ch, testTiers[0]), func(m []kafka.Message) bool { return len(m) >= 2 })
	calls := e.sandbox.Calls("/companies-house")

	later, _ := requestsFor(3, 530)
	e.request(later...)
	fb := e.readCommitted(names.Fallback(ch), func(m []kafka.Message) bool {
		n := 0
		for _, x := range m {
			if headers(x)[route.HeaderErrorClass] == "breaker_open" {
				n++
			}
		}
		return n >= 3+len(trip) // later requests, and the tripping ones' retries
	})
	if got := e.sandbox.Calls("/companies-house"); got != calls {
		t.Errorf("sandbox calls went from %d to %d while the breaker was open", calls, got)
	}
	if len(fb) < 3 {
		t.Fatalf("fallback holds %d records", len(fb))
	}
}

// counting is a provider that answers from nothing, counting its calls.
type counting struct {
	name  string
	calls atomic.Int64
}

func (c *counting) Name() string { return c.name }

func (c *counting) Lookup(context.Context, *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	c.calls.Add(1)
	return &schemas.DiscoveryResult{Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary}, nil
}

func TestRetriesOfOneProviderDoNotCallTheOthers(t *testing.T) {
	e := newEnv(t, sandbox.Config{ErrorRate: 1})
	cfg := e.config(ch, RoleAggregator)
	other := &counting{name: "x"}
	cfg.Roles = append(cfg.Roles, "x")
	cfg.Enabled = []string{ch, "x"}
	cfg.Providers["x"] = other
	cfg.Breaker.MinRequests = 1000
	e.start(cfg)
	reqs, _ := requestsFor(2, 540)
	e.request(reqs...)
	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs)))))
	for _, r := range reqs {
		l := got[r.RequestID][0]
		if len(l.ProvidersOK) != 1 || l.ProvidersOK[0] != "x" || l.ProvidersFailed[0] != ch {
			t.Errorf("%s: ok=%v failed=%v", r.RequestID, l.ProvidersOK, l.ProvidersFailed)
		}
	}
	if n := other.calls.Load(); n != int64(len(reqs)) {
		t.Errorf("x was called %d times for %d requests while companies_house retried", n, len(reqs))
	}
}

func TestAFloodOfDeadLettersPausesTheInput(t *testing.T) {
	t.Setenv("LEADGEN_COMPANIES_HOUSE_API_KEY", "invalid")
	e := newEnv(t, sandbox.Config{})
	cfg := e.config(ch)
	cfg.MaxInFlight = 1
	cfg.Flood = FloodConfig{Limit: 2, Window: time.Hour, Cooldown: time.Hour}
	cfg.Metrics = metrics.New()
	stop := e.start(cfg)
	reqs, _ := requestsFor(6, 550)
	e.request(reqs...)
	e.readCommitted(names.DLQ(), func(m []kafka.Message) bool { return len(m) >= 3 })
	stop()
	if calls := e.sandbox.Calls("/companies-house"); calls != 3 {
		t.Errorf("%d API calls, want 3: the third dead letter trips the guard and the rest wait", calls)
	}
	if v := testutil.ToFloat64(cfg.Metrics.DLQFlood.WithLabelValues(ch)); v != 1 {
		t.Errorf("flood gauge = %v, want 1", v)
	}
}

// replayAll replays every dead letter to its provider's first tier.
func (e *env) replayAll() {
	e.t.Helper()
	ctx := context.Background()
	opts := kclient.Config{Brokers: e.brokers}.Opts()
	var letters []dlq.Letter
	if err := dlq.Read(ctx, opts, names.DLQ(), dlq.All(), func(l dlq.Letter) bool {
		letters = append(letters, l)
		return true
	}); err != nil {
		e.t.Fatal(err)
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		e.t.Fatal(err)
	}
	defer cl.Close()
	if _, err := dlq.Replay(ctx, cl, letters, dlq.ReplayConfig{FirstTier: e.tiers[0]}); err != nil {
		e.t.Fatal(err)
	}
}

func TestReplayingDeadLettersCompletesTheLeadsAndReplayingAgainChangesNothing(t *testing.T) {
	e := newEnv(t, sandbox.Config{ErrorRate: 1})
	cfg := e.config(ch, RoleAggregator)
	cfg.Breaker.MinRequests = 1000
	e.start(cfg)
	reqs, cos := requestsFor(3, 600)
	e.request(reqs...)
	e.readCommitted(names.DLQ(), func(m []kafka.Message) bool { return len(m) >= len(reqs) })
	if err := e.sandbox.SetKnobs(sandbox.Knobs{}); err != nil {
		t.Fatal(err)
	}

	e.replayAll()
	// Versions of one request may sit on two partitions (a name key, then
	// the company number), so wait for both versions of every request.
	complete := func(msgs []kafka.Message) bool {
		byID := byRequest(e.leads(msgs))
		for _, vs := range byID {
			if len(vs) < 2 {
				return false
			}
		}
		return len(byID) == len(reqs)
	}
	got := byRequest(e.leads(e.readCommitted(names.Leads(), complete)))
	for i, r := range reqs {
		vs := got[r.RequestID]
		// A request by name moves from its name key to the company number,
		// whose versions count from 1: the two leads may share a version.
		done := slices.IndexFunc(vs, func(l *schemas.EnrichedLead) bool { return l.Complete })
		if len(vs) != 2 || done < 0 || vs[1-done].Complete || vs[1-done].LeadKey == vs[done].LeadKey && vs[done].Version != 2 {
			t.Errorf("%s: %d versions; want an incomplete lead, then a complete one", r.RequestID, len(vs))
			continue
		}
		checkLead(t, vs[done], cos[i])
	}

	e.replayAll()
	e.readCommitted(names.Results(), atLeast(3*len(reqs))) // fallback, replay, replay again
	e.waitCaughtUp(aggregator.Group(""), names.Results())
	again := byRequest(e.leads(e.readCommitted(names.Leads(), func(m []kafka.Message) bool { return len(e.leads(m)) >= 2*len(reqs) })))
	for _, r := range reqs {
		if n := len(again[r.RequestID]); n != 2 {
			t.Errorf("%s: %d versions after a second replay, want still 2", r.RequestID, n)
		}
	}
}

func TestRecordsWaitingInATierSurviveARestartOfTheirWorker(t *testing.T) {
	tiers := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}
	e := newEnvTiers(t, sandbox.Config{ErrorRate: 1}, tiers)
	e.start(e.config(RoleAggregator))
	cfg := e.config(ch)
	cfg.Breaker.MinRequests = 1000
	stop := e.start(cfg)
	reqs, cos := requestsFor(4, 800)
	e.request(reqs...)
	e.readCommitted(names.Retry(ch, tiers[0]), func(m []kafka.Message) bool { return len(m) >= len(reqs) })
	stop() // the retry worker holds them, not yet due
	if err := e.sandbox.SetKnobs(sandbox.Knobs{}); err != nil {
		t.Fatal(err)
	}
	e.start(cfg)
	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs)))))
	for i, r := range reqs {
		if n := len(got[r.RequestID]); n != 1 {
			t.Errorf("%s: %d versions, want 1", r.RequestID, n)
			continue
		}
		checkLead(t, got[r.RequestID][0], cos[i])
	}
}
