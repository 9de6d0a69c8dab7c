package pipeline

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/erasure/apply"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

func (e *env) erase(er erasure.Erasure) apply.Outcome {
	e.t.Helper()
	out, err := apply.Erase(context.Background(), kclient.Config{Brokers: e.brokers}.Opts(), names, nil, er)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func erasePerson(t *testing.T, name, company string) erasure.Erasure {
	t.Helper()
	er, err := erasure.NewPerson(name, company, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return er
}

// bothProviders are what the results of the erasure tests expect.
var bothProviders = []string{"companies_house", "linkedin"}

// result is a provider's OK result for request id at company number,
// naming people; the companies_house one carries the company profile.
func result(id, provider, number string, people ...string) *schemas.DiscoveryResult {
	r := &schemas.DiscoveryResult{RequestID: id, Provider: provider, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		Confidence: 1, FetchedAt: time.Now().UTC(), ExpectedProviders: bothProviders,
		CompanyName: "Company " + number, CompanyNumber: &number, RequestedAt: time.Now().UTC()}
	if provider == "companies_house" {
		active := "active"
		r.Company = &schemas.CompanyProfile{Name: "COMPANY " + number, Number: &number, Status: &active}
	}
	for _, p := range people {
		r.Executives = append(r.Executives, schemas.Executive{Name: p, Role: "director", Sources: []string{provider}})
	}
	return r
}

// results writes results onto the results topic, as provider workers do.
func (e *env) results(rs ...*schemas.DiscoveryResult) {
	e.t.Helper()
	var msgs []kafka.Message
	for _, r := range rs {
		v, err := schemas.EncodeDiscoveryResult(r)
		if err != nil {
			e.t.Fatal(err)
		}
		msgs = append(msgs, kafka.Message{Key: []byte(r.RequestID), Value: v})
	}
	e.produce(names.Results(), msgs...)
}

// version waits for version v of request id's lead and returns it.
func (e *env) version(id string, v int64) *schemas.EnrichedLead {
	e.t.Helper()
	var got *schemas.EnrichedLead
	e.readCommitted(names.Leads(), func(msgs []kafka.Message) bool {
		for _, m := range msgs {
			if l, err := schemas.DecodeEnrichedLead(m.Value); err == nil && l.RequestID == id && l.Version == v {
				got = l
				return true
			}
		}
		return false
	})
	return got
}

func peopleOf(l *schemas.EnrichedLead) []string {
	var out []string
	for _, x := range l.Executives {
		out = append(out, x.Name)
	}
	return out
}

// startAggregator runs the aggregator alone: the tests write its results.
func (e *env) startAggregator() (stop func()) {
	cfg := e.config(RoleAggregator)
	cfg.Enabled = bothProviders
	return e.start(cfg)
}

func TestErasingAPersonWritesANewVersionOfTheLeadWithoutThemThatLaterResultsKeep(t *testing.T) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane Elizabeth", "SMITH, John", "BROWN, Ann"),
		result("r1", "linkedin", "01234567", "Jane Doe"))
	v1 := e.version("r1", 1)
	if len(v1.Executives) != 3 {
		t.Fatalf("lead v1 names %q, want three people", peopleOf(v1))
	}

	out := e.erase(erasePerson(t, "Jane Doe", ""))
	if !slices.Equal(out.ByAggregator, []string{"01234567"}) || len(out.Rewritten)+len(out.Tombstoned) != 0 {
		t.Fatalf("left to the aggregator %v, rewritten %v, tombstoned %v; want the aggregator to rewrite 01234567",
			out.ByAggregator, out.Rewritten, out.Tombstoned)
	}
	v2 := e.version("r1", 2)
	if want := []string{"John Smith", "Ann Brown"}; !sameSet(peopleOf(v2), want) {
		t.Errorf("lead v2 names %q, want %q", peopleOf(v2), want)
	}
	if v2.LeadScore >= v1.LeadScore || v2.ScoreComponents.CrossSourceAgreement >= v1.ScoreComponents.CrossSourceAgreement {
		t.Errorf("score %v (agreement %v) after erasing the only confirmed person, was %v (%v)", v2.LeadScore,
			v2.ScoreComponents.CrossSourceAgreement, v1.LeadScore, v1.ScoreComponents.CrossSourceAgreement)
	}

	// A late result naming her again, and a new request for the company.
	e.results(result("r1", "linkedin", "01234567", "Jane Doe", "Ann Brown"))
	v3 := e.version("r1", 3)
	e.results(result("r2", "companies_house", "01234567", "DOE, Jane Elizabeth", "SMITH, John"),
		result("r2", "linkedin", "01234567", "Jane E. Doe"))
	again := e.version("r2", 4) // the company's fourth version: versions count per lead_key
	for _, l := range []*schemas.EnrichedLead{v3, again} {
		if slices.ContainsFunc(peopleOf(l), func(n string) bool { return n == "Jane Elizabeth Doe" || n == "Jane Doe" }) {
			t.Errorf("lead of %s v%d names the erased person: %q", l.RequestID, l.Version, peopleOf(l))
		}
	}
	for _, m := range e.readCommitted(names.Leads(), atLeast(4)) {
		if m.Value == nil && string(m.Key) == "01234567" {
			t.Error("erasing a person tombstoned the lead")
		}
	}
}

func TestAPersonErasureMatchesEveryFormOfTheNameButNotAnotherPersonNorAnotherCompany(t *testing.T) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane Elizabeth", "DOW, Jane", "SMITH, John"),
		result("r1", "linkedin", "01234567"),
		result("r2", "companies_house", "07654321", "DOE, Jane", "BROWN, Ann"),
		result("r2", "linkedin", "07654321"))
	e.version("r1", 1)
	other := e.version("r2", 1)

	out := e.erase(erasePerson(t, "Jane Doe", "01234567"))
	if !slices.Equal(out.ByAggregator, []string{"01234567"}) {
		t.Fatalf("leads to rewrite %v, want only 01234567", out.ByAggregator)
	}
	if got, want := peopleOf(e.version("r1", 2)), []string{"Jane Dow", "John Smith"}; !sameSet(got, want) {
		t.Errorf("lead at 01234567 names %q, want %q", got, want)
	}
	// The rewrite of both would be one transaction: by now a new version
	// of the other company's lead would be visible.
	for _, l := range e.leads(e.readCommitted(names.Leads(), atLeast(3))) {
		if l.RequestID == "r2" && l.Version > 1 {
			t.Errorf("the lead at 07654321, outside the erasure's scope, was rewritten: %q", peopleOf(l))
		}
	}
	if !slices.Contains(peopleOf(other), "Jane Doe") {
		t.Errorf("lead at 07654321 names %q", peopleOf(other))
	}
}

func TestAnErasureRecordedWhileTheAggregatorIsDownIsAppliedWhenItStarts(t *testing.T) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	stop := e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane", "SMITH, John"), result("r1", "linkedin", "01234567"))
	e.version("r1", 1)
	stop()

	if out := e.erase(erasePerson(t, "Jane Doe", "")); !slices.Equal(out.ByAggregator, []string{"01234567"}) {
		t.Fatalf("leads left to the aggregator %v, want [01234567]", out.ByAggregator)
	}
	e.startAggregator()
	if got := peopleOf(e.version("r1", 2)); !slices.Equal(got, []string{"John Smith"}) {
		t.Errorf("lead v2 names %q, want only John Smith", got)
	}
}

// The aggregator keeps every lead's state, so it rewrites a lead whose
// request's state it evicted; the erase command writes none itself.
func TestAPersonErasureRewritesALeadWhoseRequestTheAggregatorNoLongerHolds(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	e := newEnv(t, sandbox.Config{}).onDisk()
	cfg := e.config(RoleAggregator)
	cfg.Enabled, cfg.AggregatorRetention = bothProviders, time.Hour
	cfg.Now = func() time.Time { return time.Unix(0, clock.Load()) }
	e.start(cfg)
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane", "SMITH, John"), result("r1", "linkedin", "01234567"))
	e.version("r1", 1)
	clock.Add(int64(2 * time.Hour))
	e.results(result("r9", "companies_house", "09999999"), result("r9", "linkedin", "09999999")) // a batch that evicts r1
	e.readCommitted(names.AggregatorState(), func(m []kafka.Message) bool {
		return slices.ContainsFunc(m, func(x kafka.Message) bool { return string(x.Key) == "r1" && x.Value == nil })
	})

	if out := e.erase(erasePerson(t, "Jane Doe", "")); !slices.Equal(out.ByAggregator, []string{"01234567"}) || len(out.Rewritten) != 0 {
		t.Fatalf("left to the aggregator %v (rewritten by the command %v), want [01234567] left to the aggregator", out.ByAggregator, out.Rewritten)
	}
	if got := peopleOf(e.version("r1", 2)); !slices.Equal(got, []string{"John Smith"}) {
		t.Errorf("lead v2 names %q, want only John Smith", got)
	}
}

func TestAnErasedCompanyGetsNoLead(t *testing.T) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	e.start(e.config(ch, RoleAggregator))
	reqs, _ := requestsFor(2, 1010) // the first by number
	er, err := erasure.NewCompany(*reqs[0].CompanyNumber, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.erase(er)
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor([]string{reqs[1].RequestID}))
	e.readCommitted(names.Results(), atLeast(2))
	e.waitCaughtUp(aggregator.Group(""), names.Results())
	for _, l := range e.leads(e.readCommitted(names.Leads(), atLeast(1))) {
		if l.RequestID == reqs[0].RequestID {
			t.Fatalf("a lead was emitted for erased company %s", *reqs[0].CompanyNumber)
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// What the aggregator keeps per lead to merge later requests follows
// erasures too: its lead state stops naming an erased person, and keeps
// nothing of an erased company but the version.
func TestTheAggregatorsLeadStateForgetsWhatAnErasureErases(t *testing.T) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	e.startAggregator()
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane", "SMITH, John"), result("r1", "linkedin", "01234567", "Jane Doe"),
		result("r2", "companies_house", "07654321", "BROWN, Ann"), result("r2", "linkedin", "07654321"))
	e.version("r1", 1)
	e.version("r2", 1)
	e.erase(erasePerson(t, "Jane Doe", ""))
	er, err := erasure.NewCompany("07654321", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.erase(er)
	e.readCommitted(names.LeadState(), func(msgs []kafka.Message) bool {
		held := latestLeadState(t, msgs)
		person, company := held["01234567"], held["07654321"]
		return person != nil && !slices.Contains(person, "DOE, Jane") && !slices.Contains(person, "Jane Doe") &&
			slices.Contains(person, "SMITH, John") && company != nil && len(company) == 0
	})
}

// latestLeadState reads the aggregator's lead state changelog: per lead
// key, the people its latest record's results name.
func latestLeadState(t *testing.T, msgs []kafka.Message) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range msgs {
		if isMarker(m) {
			continue
		}
		results, err := aggregator.LeadStateResults(m.Value)
		if err != nil {
			continue
		}
		people := []string{}
		for _, raw := range results {
			r, err := schemas.DecodeDiscoveryResult(raw)
			if err != nil {
				t.Fatalf("lead state of %s: %v", m.Key, err)
			}
			for _, x := range r.Executives {
				people = append(people, x.Name)
			}
		}
		out[string(m.Key)] = people
	}
	return out
}
