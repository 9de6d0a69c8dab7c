package pipeline

import (
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	kafka "github.com/segmentio/kafka-go"
)

var names = topics.Names{}

// leadsFor waits until every request id has at least one lead.
func leadsFor(ids []string) func([]kafka.Message) bool {
	return func(msgs []kafka.Message) bool {
		seen := map[string]bool{}
		for _, m := range msgs {
			if l, err := schemas.DecodeEnrichedLead(m.Value); err == nil {
				seen[l.RequestID] = true
			}
		}
		for _, id := range ids {
			if !seen[id] {
				return false
			}
		}
		return true
	}
}

func ids(reqs []*schemas.CompanyRequest) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.RequestID)
	}
	return out
}

// checkLead asserts a lead says what the sandbox dataset holds.
func checkLead(t *testing.T, l *schemas.EnrichedLead, c sandbox.Company) {
	t.Helper()
	if l.CompanyNumber == nil || *l.CompanyNumber != c.Number || l.LeadKey != c.Number {
		t.Errorf("%s: company number %v, lead key %s, want %s", l.RequestID, l.CompanyNumber, l.LeadKey, c.Number)
	}
	if l.CompanyStatus == nil || *l.CompanyStatus != c.Status {
		t.Errorf("%s: status %v, want %s", l.RequestID, l.CompanyStatus, c.Status)
	}
	if !l.Complete || !slices.Equal(l.ProvidersOK, []string{"companies_house"}) {
		t.Errorf("%s: complete=%v ok=%v failed=%v", l.RequestID, l.Complete, l.ProvidersOK, l.ProvidersFailed)
	}
	for _, o := range c.Officers {
		if o.ResignedOn != "" || strings.HasPrefix(o.Role, "corporate-") {
			continue
		}
		want := strings.Fields(people.Normalize(o.Name))
		if !slices.ContainsFunc(l.Executives, func(e schemas.Executive) bool {
			have := strings.Fields(e.NormalizedName)
			return !slices.ContainsFunc(want, func(w string) bool { return !slices.Contains(have, w) }) &&
				slices.Contains(e.Sources, "companies_house")
		}) {
			t.Errorf("%s: current officer %q missing from %d executives", l.RequestID, o.Name, len(l.Executives))
		}
	}
	if l.LeadScore <= 0 || l.LeadScore > 100 {
		t.Errorf("%s: score %v outside (0, 100]", l.RequestID, l.LeadScore)
	}
}

func TestRequestsProducedWithKafkaGoBecomeOneCorrectLeadEach(t *testing.T) {
	t.Parallel() // its own broker and sandbox; mostly waiting (see Makefile, -parallel)
	e := newEnv(t, sandbox.Config{})
	e.start(e.config("companies_house", RoleAggregator))
	reqs, cos := requestsFor(24, 0)
	unknown := &schemas.CompanyRequest{RequestID: "req-unknown", CompanyName: "Quixotic Zebra Nonesuch Holdings", RequestedAt: reqs[0].RequestedAt}
	e.request(append(reqs, unknown)...)

	msgs := e.read(names.Leads(), leadsFor(append(ids(reqs), unknown.RequestID)))
	got := byRequest(e.leads(msgs))
	for i, r := range reqs {
		versions := got[r.RequestID]
		if len(versions) != 1 || versions[0].Version != 1 {
			t.Errorf("%s: %d lead versions, want exactly one", r.RequestID, len(versions))
			continue
		}
		checkLead(t, versions[0], cos[i])
	}
	nf := got[unknown.RequestID][0]
	if len(nf.Executives) != 0 || !nf.Complete || nf.CompanyNumber != nil {
		t.Errorf("unknown company: %d people, complete=%v, number=%v; want none, true, nil", len(nf.Executives), nf.Complete, nf.CompanyNumber)
	}
}

func TestUndecodableRequestsGoToTheDeadLetterTopicWithoutStallingTheWorker(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.start(e.config("companies_house", RoleAggregator))
	poison := []kafka.Message{
		{Key: []byte("poison-magic"), Value: []byte("not avro at all")},
		{Key: []byte("poison-fingerprint"), Value: []byte{0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0}},
		{Key: []byte("poison-empty"), Value: nil},
	}
	reqs, _ := requestsFor(6, 50)
	e.produce(names.Requests(), poison...)
	e.request(reqs...)

	e.read(names.Leads(), leadsFor(ids(reqs)))
	dlq := e.read(names.DLQ(), func(m []kafka.Message) bool { return len(m) >= len(poison) })
	if len(dlq) != len(poison) {
		t.Fatalf("dlq holds %d records, want %d", len(dlq), len(poison))
	}
	for _, m := range dlq {
		h := headers(m)
		if h[route.HeaderErrorClass] != "undecodable" || h[route.HeaderOriginalTopic] != names.Requests() || h[route.HeaderErrorMessage] == "" {
			t.Errorf("dlq record %s headers %v", m.Key, h)
		}
		if !slices.ContainsFunc(poison, func(p kafka.Message) bool {
			return string(p.Key) == string(m.Key) && string(p.Value) == string(m.Value)
		}) {
			t.Errorf("dlq record %s does not hold the original bytes", m.Key)
		}
	}
}

func TestAFailingProviderIsRetriedThenFallsBackToALeadMarkedIncompleteWithNoInventedPeople(t *testing.T) {
	e := newEnv(t, sandbox.Config{ErrorRate: 1})
	cfg := e.config("companies_house", RoleAggregator)
	cfg.Breaker.MinRequests = 1000 // this test follows the tiers; the breaker has its own
	e.start(cfg)
	reqs, _ := requestsFor(3, 400)
	e.request(reqs...)
	got := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(reqs)))))
	for _, r := range reqs {
		l := got[r.RequestID][0]
		if l.Complete || len(l.Executives) != 0 || !slices.Equal(l.ProvidersFailed, []string{"companies_house"}) {
			t.Errorf("%s: complete=%v people=%d failed=%v; want incomplete, none, [companies_house]", r.RequestID, l.Complete, len(l.Executives), l.ProvidersFailed)
		}
	}
	results := e.readCommitted(names.Results(), func(m []kafka.Message) bool { return len(m) >= len(reqs) })
	for _, m := range results {
		res, err := schemas.DecodeDiscoveryResult(m.Value)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != schemas.StatusFallback || res.Layer != schemas.LayerNone || res.Error == nil || strings.Contains(*res.Error, "sandbox-key") {
			t.Errorf("result %+v: want FALLBACK from layer NONE with a scrubbed error", res)
		}
	}
	dlq := e.readCommitted(names.DLQ(), func(m []kafka.Message) bool { return len(m) >= len(reqs) })
	for _, m := range dlq {
		h := headers(m)
		if h[route.HeaderErrorClass] != "transient" || h[route.HeaderAttempt] != "4" || h[route.HeaderOriginalTopic] != names.Requests() {
			t.Errorf("dlq record %s: headers %v; want transient after 4 attempts, from company-requests", m.Key, h)
		}
	}
	// 1 input attempt + 3 tiers, each profile lookup failing at once.
	if calls := e.sandbox.Calls("/companies-house"); calls != int64(4*len(reqs)) {
		t.Errorf("sandbox saw %d calls, want %d", calls, 4*len(reqs))
	}
}

func TestARequestNamingOnlyDisabledProvidersIsDeadLetteredNotDropped(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.start(e.config("companies_house", RoleAggregator))
	r := &schemas.CompanyRequest{RequestID: "only-x", CompanyName: "Acme", Providers: []string{"x"}}
	e.request(r)
	dlq := e.readCommitted(names.DLQ(), func(m []kafka.Message) bool { return len(m) >= 1 })
	if string(dlq[0].Key) != "only-x" {
		t.Fatalf("dlq key %s", dlq[0].Key)
	}
	for _, h := range dlq[0].Headers {
		if h.Key == route.HeaderErrorClass && string(h.Value) != "permanent" {
			t.Fatalf("class %s, want permanent", h.Value)
		}
	}
}

func headers(m kafka.Message) map[string]string {
	h := map[string]string{}
	for _, x := range m.Headers {
		h[x.Key] = string(x.Value)
	}
	return h
}
