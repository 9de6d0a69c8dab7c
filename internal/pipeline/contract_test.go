package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// The lead contract the README gives consumers: per lead_key, versions
// strictly increase in offset order, across requests, restarts and
// aggregator processes; a narrower re-request never replaces a fuller
// answer.

// allProviders are the providers the contract tests' aggregators expect.
var allProviders = []string{"companies_house", "facebook", "linkedin", "website", "x"}

// narrowed is result with the providers its request expected.
func narrowed(r *schemas.DiscoveryResult, expected ...string) *schemas.DiscoveryResult {
	r.ExpectedProviders = expected
	return r
}

func TestTwoRequestsForOneCompanyGetIncreasingVersionsAndTheNarrowerKeepsTheFullerAnswer(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane", "SMITH, John"),
		result("r1", "linkedin", "01234567", "Jane Doe", "Ann Brown"))
	full := e.version("r1", 1)

	e.results(narrowed(result("r2", "companies_house", "01234567", "DOE, Jane", "SMITH, John"), "companies_house"))
	again := e.version("r2", 2)
	if !slices.Equal(again.ProvidersOK, full.ProvidersOK) || len(again.ProvidersFailed) != 0 {
		t.Errorf("after a request for companies_house only: providers_ok %v, failed %v; want %v kept", again.ProvidersOK,
			again.ProvidersFailed, full.ProvidersOK)
	}
	if !sameSet(peopleOf(again), peopleOf(full)) || again.LeadScore < full.LeadScore {
		t.Errorf("after the narrower request: %q scoring %v, was %q scoring %v", peopleOf(again), again.LeadScore, peopleOf(full), full.LeadScore)
	}
}

func TestAFailureInALaterRequestKeepsTheProvidersEarlierAnswer(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane"), result("r1", "linkedin", "01234567", "Ann Brown"))
	e.version("r1", 1)
	failed := result("r2", "linkedin", "01234567")
	failed.Status, failed.Layer = schemas.StatusFailed, schemas.LayerNone
	e.results(result("r2", "companies_house", "01234567", "DOE, Jane"), failed)
	if l := e.version("r2", 2); !slices.Contains(l.ProvidersOK, "linkedin") || !slices.Contains(peopleOf(l), "Ann Brown") {
		t.Errorf("lead after linkedin failed: providers_ok %v, people %q; want linkedin's earlier answer kept", l.ProvidersOK, peopleOf(l))
	}
}

func TestALeadsVersionKeepsIncreasingAcrossAnAggregatorRestart(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	stop := e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane"), result("r1", "linkedin", "01234567"))
	e.version("r1", 1)
	stop()
	e.startAggregator()
	e.results(result("r2", "companies_house", "01234567", "DOE, Jane"), result("r2", "linkedin", "01234567", "Ann Brown"))
	e.version("r2", 2)
}

// A lead written before the lead stage kept its state (by a leadgen that
// numbered versions per request) has no lead state: the upgraded
// aggregator numbers the company's next lead above it, so a consumer
// keeping the highest version takes it.
func TestAnUpgradedAggregatorNumbersAfterTheVersionsOfLeadsWrittenBeforeIt(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	number := "01234567"
	old, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{LeadKey: number, RequestID: "before", CompanyName: "ACME WIDGETS LIMITED",
		CompanyNumber: &number, Version: 5})
	if err != nil {
		t.Fatal(err)
	}
	e.produce(names.Leads(), kafka.Message{Key: []byte(number), Value: old})
	e.startAggregator()
	e.results(result("r1", "companies_house", number, "DOE, Jane"), result("r1", "linkedin", number))
	e.version("r1", 6)
}

// Requests for a few companies, their results interleaved at random and
// joined by two aggregator processes (one restarted halfway), give every
// lead_key strictly increasing versions in offset order, whose
// providers_ok never loses a provider.
func TestVersionsIncreasePerLeadKeyWhateverProcessJoinsTheRequests(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	aggregatorAs := func(id string) func() {
		cfg := e.config(RoleAggregator)
		cfg.Enabled, cfg.InstanceID = allProviders, id
		return e.start(cfg)
	}
	aggregatorAs("one")
	stopTwo := aggregatorAs("two")
	e.waitMembers(aggregator.Group(""), 2)

	rng := rand.New(rand.NewPCG(17, 2))
	var reqs []string
	var results []*schemas.DiscoveryResult
	for i := range 16 {
		id := fmt.Sprintf("r%d", i)
		reqs = append(reqs, id)
		results = append(results, randomRequest(rng, id, fmt.Sprintf("0000000%d", rng.IntN(3)))...)
	}
	rng.Shuffle(len(results), func(i, j int) { results[i], results[j] = results[j], results[i] })
	for len(results) > 0 {
		n := min(1+rng.IntN(4), len(results))
		e.results(results[:n]...)
		results = results[n:]
		if len(results) < 20 && stopTwo != nil {
			stopTwo()
			stopTwo = nil
			aggregatorAs("two")
			e.waitMembers(aggregator.Group(""), 2)
		}
	}
	checkLeadContract(t, e.readCommitted(names.Leads(), leadsFor(reqs)))
}

// waitMembers waits until n members of group share its partitions.
func (e *env) waitMembers(group string, n int) {
	e.t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...))
	if err != nil {
		e.t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		groups, err := kadm.NewClient(cl).DescribeGroups(ctx, group)
		if err == nil && groups[group].State == "Stable" && len(groups[group].Members) == n {
			return
		}
		select {
		case <-ctx.Done():
			e.t.Fatalf("group %s did not reach %d members", group, n)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// randomRequest is the results of one request for company number: a
// random set of providers, each answering or failing.
func randomRequest(rng *rand.Rand, id, number string) []*schemas.DiscoveryResult {
	var expected []string
	for _, p := range allProviders {
		if p == "companies_house" || rng.IntN(2) == 0 {
			expected = append(expected, p)
		}
	}
	people := []string{"Jane Doe", "John Smith", "Ann Brown", "Raj Patel"}
	var out []*schemas.DiscoveryResult
	for _, p := range expected {
		r := narrowed(result(id, p, number, people[rng.IntN(len(people))]), expected...)
		if rng.IntN(5) == 0 {
			r.Status, r.Layer, r.Executives = schemas.StatusFailed, schemas.LayerNone, nil
		}
		out = append(out, r)
	}
	return out
}

// checkLeadContract checks, per lead_key in offset order, that versions
// strictly increase and providers_ok never shrinks.
func checkLeadContract(t *testing.T, msgs []kafka.Message) {
	t.Helper()
	slices.SortFunc(msgs, func(a, b kafka.Message) int {
		return cmp.Or(cmp.Compare(a.Partition, b.Partition), cmp.Compare(a.Offset, b.Offset))
	})
	last := map[string]*schemas.EnrichedLead{}
	for _, m := range msgs {
		l, err := schemas.DecodeEnrichedLead(m.Value)
		if err != nil {
			continue // transaction markers
		}
		prev := last[l.LeadKey]
		last[l.LeadKey] = l
		if prev == nil {
			continue
		}
		if l.Version <= prev.Version {
			t.Errorf("lead %s: version %d (request %s) after version %d (request %s)", l.LeadKey, l.Version, l.RequestID, prev.Version, prev.RequestID)
		}
		for _, p := range prev.ProvidersOK {
			if !slices.Contains(l.ProvidersOK, p) {
				t.Errorf("lead %s v%d (request %s): providers_ok %v lost %s of v%d", l.LeadKey, l.Version, l.RequestID, l.ProvidersOK, p, prev.Version)
			}
		}
	}
	if len(last) != 3 {
		t.Errorf("leads for %d companies, want 3", len(last))
	}
	for key, l := range last {
		t.Logf("lead %s: last version %d", key, l.Version)
	}
}
