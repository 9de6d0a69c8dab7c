package apply

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/leadgen/leadgen/internal/score"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

var names = topics.Names{}

func produce(t *testing.T, opts []kgo.Opt, recs ...*kgo.Record) {
	t.Helper()
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// officer is a person on a lead, named by the given sources.
func officer(name string, sources ...string) schemas.Executive {
	return schemas.Executive{Name: name, Role: "director", Sources: sources}
}

// lead is version 1 of a lead for company number with people.
func lead(t *testing.T, number, requestID string, people ...schemas.Executive) *kgo.Record {
	t.Helper()
	l := &schemas.EnrichedLead{LeadKey: number, RequestID: requestID, CompanyName: "Company " + number, CompanyNumber: &number,
		Executives: people, ProvidersOK: []string{"companies_house", "linkedin"}, Complete: true, Version: 1,
		ScoreComponents: schemas.ScoreComponents{OfficialSource: 100, CrossSourceAgreement: 100 * (0.6 * 1.0 / 3), CompanyStatus: 100},
		UpdatedAt:       time.Now().UTC(), RequestedAt: time.Now().UTC()}
	l.LeadScore = 0.4*100 + 0.25*l.ScoreComponents.CrossSourceAgreement + 0.15*100
	v, err := schemas.EncodeEnrichedLead(l)
	if err != nil {
		t.Fatal(err)
	}
	return &kgo.Record{Topic: names.Leads(), Key: []byte(number), Value: v}
}

// twoCompanies writes a lead at 01234567 naming Jane Doe in her register
// form, a near match and a third director, and one at 07654321 naming a
// Jane Doe too.
func twoCompanies(t *testing.T, opts []kgo.Opt) {
	produce(t, opts,
		lead(t, "01234567", "r1", officer("Jane Elizabeth Doe", "companies_house", "linkedin"), officer("J Doe", "x"), officer("John Smith", "companies_house")),
		lead(t, "07654321", "r2", officer("Jane Doe", "companies_house")))
}

// current reads the latest lead per key.
func current(t *testing.T, opts []kgo.Opt) map[string]*schemas.EnrichedLead {
	t.Helper()
	out := map[string]*schemas.EnrichedLead{}
	if err := leadview.Read(context.Background(), opts, names.Leads(), false, func(ev leadview.Event) { out[ev.Key] = ev.Lead }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAPreviewListsMatchesAndNearMatchesAndWritesNothing(t *testing.T) {
	opts := embeddedtest.Opts(t)
	twoCompanies(t, opts)
	plan, err := Preview(context.Background(), opts, names, person(t, "Jane Doe", "01234567"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, f := range plan.Findings {
		rows = append(rows, f.LeadKey+" "+f.Name+": "+f.Verdict.String())
	}
	want := []string{"01234567 J Doe: " + erasure.Near.String(), "01234567 Jane Elizabeth Doe: erased", "07654321 Jane Doe: " + erasure.OtherCompany.String()}
	if !slices.Equal(rows, want) || !slices.Equal(plan.Leads, []string{"01234567"}) {
		t.Errorf("findings %q, leads %q; want %q, [01234567]", rows, plan.Leads, want)
	}
	var out strings.Builder
	if err := WritePlan(&out, plan); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"nothing written", "Jane Elizabeth Doe", "near match", "1 lead would get a new version"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("dry run report does not say %q:\n%s", s, out.String())
		}
	}
}

func TestAPersonErasureRewritesLeadsNoAggregatorHoldsAndLeavesTheOthersToIt(t *testing.T) {
	opts := embeddedtest.Opts(t)
	twoCompanies(t, opts)
	// The aggregator holds the lead at 07654321; the one at 01234567 it
	// does not (written before it kept a state per lead).
	produce(t, opts, &kgo.Record{Topic: names.LeadState(), Key: []byte("07654321"), Value: []byte("{}")},
		&kgo.Record{Topic: names.LeadState(), Key: []byte("01234567"), Value: []byte("{}")},
		&kgo.Record{Topic: names.LeadState(), Key: []byte("01234567")})
	before := current(t, opts)

	out, err := Erase(context.Background(), opts, names, nil, person(t, "DOE, Jane", ""))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.Rewritten, []string{"01234567"}) || !slices.Equal(out.ByAggregator, []string{"07654321"}) || len(out.Tombstoned) != 0 {
		t.Fatalf("rewritten %v, by the aggregator %v, tombstoned %v", out.Rewritten, out.ByAggregator, out.Tombstoned)
	}
	after := current(t, opts)
	got, old := after["01234567"], before["01234567"]
	if got == nil || got.Version != 2 || len(got.Executives) != 2 || slices.ContainsFunc(got.Executives, func(x schemas.Executive) bool { return x.Name == "Jane Elizabeth Doe" }) {
		t.Fatalf("lead 01234567 after the erasure: %+v", got)
	}
	wantScore, _ := score.Rescore(old.ScoreComponents, old.Executives, got.Executives)
	if got.LeadScore != wantScore || got.LeadScore >= old.LeadScore {
		t.Errorf("score %v, was %v; want %v", got.LeadScore, old.LeadScore, wantScore)
	}
	if after["07654321"].Version != 1 {
		t.Errorf("the lead the aggregator holds was written by the command: version %d", after["07654321"].Version)
	}
}

func TestACompanyErasureTombstonesItsLead(t *testing.T) {
	opts := embeddedtest.Opts(t)
	twoCompanies(t, opts)
	e, err := erasure.NewCompany("01234567", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	out, err := Erase(context.Background(), opts, names, nil, e)
	if err != nil {
		t.Fatal(err)
	}
	after := current(t, opts)
	if !slices.Equal(out.Tombstoned, []string{"01234567"}) || after["01234567"] != nil || after["07654321"] == nil {
		t.Errorf("tombstoned %v; leads now %v", out.Tombstoned, after)
	}
}

func TestAScopedErasurePurgesOnlyTheCompanysCachedResults(t *testing.T) {
	rdb := redistest.Client(t)
	store := cache.New(cache.Config{Redis: rdb})
	ctx := context.Background()
	for _, number := range []string{"09990001", "09990002"} {
		n := number
		store.Put(ctx, "leadgen:cache:companies_house:n:"+number, &schemas.DiscoveryResult{Provider: "companies_house",
			Status: schemas.StatusOK, Layer: schemas.LayerPrimary, CompanyNumber: &n, Executives: []schemas.Executive{{Name: "QUUX, Zebedee Alfred"}}}, time.Now())
	}
	t.Cleanup(func() { rdb.Del(ctx, "leadgen:cache:companies_house:n:09990002") })
	n, err := purgeCache(ctx, rdb, person(t, "Zebedee Quux", "09990001"))
	if err != nil {
		t.Fatal(err)
	}
	left, err := rdb.Exists(ctx, "leadgen:cache:companies_house:n:09990001", "leadgen:cache:companies_house:n:09990002").Result()
	if n != 1 || left != 1 {
		t.Errorf("purged %d, %d of 2 left (%v); want 1 purged, the other company's kept", n, left, err)
	}
}

func person(t *testing.T, name, company string) erasure.Erasure {
	t.Helper()
	e, err := erasure.NewPerson(name, company, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestAnErasureReachesTheJSONMirrorOfLeads: with the enriched-leads.json
// mirror on, the rewritten lead and the company's tombstone are written
// there too, or the erased person would stay on the mirror.
func TestAnErasureReachesTheJSONMirrorOfLeads(t *testing.T) {
	mirror := topics.Names{MirrorLeadsJSON: true}
	company, err := erasure.NewCompany("07654321", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	opts := embeddedtest.Opts(t)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if _, err := topics.Apply(context.Background(), cl, topics.Catalogue(topics.Config{Names: mirror}), 1); err != nil {
		t.Fatal(err)
	}
	twoCompanies(t, opts)
	for _, e := range []erasure.Erasure{person(t, "DOE, Jane", "01234567"), company} {
		if _, err := Erase(context.Background(), opts, mirror, nil, e); err != nil {
			t.Fatal(err)
		}
	}
	rewritten := embeddedtest.First(t, opts, mirror.LeadsJSON(), "01234567")
	var lead struct {
		Version    int64            `json:"version"`
		Executives []map[string]any `json:"executives"`
	}
	if err := json.Unmarshal(rewritten.Value, &lead); err != nil {
		t.Fatalf("mirror value %q: %v", rewritten.Value, err)
	}
	erased := func(x map[string]any) bool { return x["name"] == "Jane Elizabeth Doe" }
	if lead.Version != 2 || len(lead.Executives) != 2 || slices.ContainsFunc(lead.Executives, erased) {
		t.Errorf("mirrored lead after the person's erasure: %s", rewritten.Value)
	}
	if r := embeddedtest.First(t, opts, mirror.LeadsJSON(), "07654321"); r.Value != nil {
		t.Errorf("the erased company's mirror record is %q, want a tombstone", r.Value)
	}
}
