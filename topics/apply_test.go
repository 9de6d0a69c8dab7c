package topics

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

func newAdmin(t *testing.T) (*kfake.Cluster, *kgo.Client) {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return c, cl
}

func count(out []Outcome, a Action) int {
	n := 0
	for _, o := range out {
		if o.Action == a {
			n++
		}
	}
	return n
}

func TestApplyCreatesEveryTopicOnceAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	_, adm := newAdmin(t)
	specs := Catalogue(Config{})
	first, err := Apply(ctx, adm, specs, -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(first, Created); got != len(specs) {
		t.Fatalf("first apply created %d topics, want %d", got, len(specs))
	}
	second, err := Apply(ctx, adm, specs, -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(second, Unchanged); got != len(specs) {
		t.Fatalf("second apply left %d topics unchanged, want %d: %+v", got, len(specs), second)
	}
	listed, err := List(ctx, adm, specs)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range listed {
		if !l.Exists || l.ExistingPartitions != l.Partitions {
			t.Errorf("%s: exists=%v partitions=%d, want %d", l.Name, l.Exists, l.ExistingPartitions, l.Partitions)
		}
	}
}

func TestApplyReportsAChangedConfig(t *testing.T) {
	ctx := context.Background()
	_, adm := newAdmin(t)
	if _, err := Apply(ctx, adm, Catalogue(Config{}), -1); err != nil {
		t.Fatal(err)
	}
	specs := Catalogue(Config{Extra: map[string]string{"retention.bytes": "1048576"}})
	out, err := Apply(ctx, adm, specs, -1)
	if err != nil {
		t.Fatal(err)
	}
	compacted := 0
	for _, s := range specs {
		if s.Configs["cleanup.policy"] == "compact" {
			compacted++
		}
	}
	if got := count(out, Changed); got != len(specs)-compacted {
		t.Fatalf("changed %d topics, want every one but the %d compacted", got, compacted)
	}
	if len(out[0].Changes) != 1 {
		t.Fatalf("changes = %v, want one retention.bytes change", out[0].Changes)
	}
}

func TestApplyRefusesAPartitionCountConflictAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	_, adm := newAdmin(t)
	if _, err := kadm.NewClient(adm).CreateTopic(ctx, 3, -1, nil, "company-requests"); err != nil {
		t.Fatal(err)
	}
	specs := Catalogue(Config{})
	_, err := Apply(ctx, adm, specs, -1)
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("err = %v, want ErrConflict", err)
	}
	listed, err := List(ctx, adm, specs)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range listed {
		if l.Name != "company-requests" && l.Exists {
			t.Fatalf("%s was created despite the conflict", l.Name)
		}
	}
}

func TestCatalogueNamesFollowTheDesign(t *testing.T) {
	specs := Catalogue(Config{Names: Names{Prefix: "staging."}})
	want := map[string]bool{
		"staging.company-requests":                          true,
		"staging.discovery-results":                         true,
		"staging.enriched-leads":                            true,
		"staging.company-requests.dlq":                      true,
		"staging.company-requests.retry.x.1m":               true,
		"staging.company-requests.retry.website.10s":        true,
		"staging.company-requests.retry.linkedin.10m":       true,
		"staging.company-requests.fallback.companies_house": true,
	}
	for _, s := range specs {
		delete(want, s.Name)
		if s.Name == "staging.enriched-leads" && s.Configs["cleanup.policy"] != "compact" {
			t.Errorf("enriched-leads is not compacted: %v", s.Configs)
		}
	}
	if len(want) > 0 {
		t.Fatalf("catalogue lacks %v", want)
	}
}

func TestTheJSONMirrorOfLeadsIsCataloguedOnlyWhenOn(t *testing.T) {
	for _, on := range []bool{false, true} {
		names := Names{Prefix: "staging.", MirrorLeadsJSON: on}
		i := slices.IndexFunc(Catalogue(Config{Names: names}), func(s Spec) bool { return s.Name == "staging.enriched-leads.json" })
		if (i >= 0) != on {
			t.Errorf("mirror on=%v: enriched-leads.json catalogued=%v", on, i >= 0)
		}
		if on && Catalogue(Config{Names: names})[i].Configs["cleanup.policy"] != "compact" {
			t.Error("enriched-leads.json is not compacted like enriched-leads")
		}
	}
}

func TestParseTiersRejectsBadLists(t *testing.T) {
	for _, in := range []string{"", "10s,5s", "50ms", "1500us", "soon"} {
		if _, err := ParseTiers(in); err == nil {
			t.Errorf("ParseTiers(%q) accepted a bad list", in)
		}
	}
	got, err := ParseTiers("10s, 1m,10m")
	if err != nil || len(got) != 3 {
		t.Fatalf("ParseTiers = %v, %v", got, err)
	}
}
