package topics

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// described reads every catalogue topic's configs back through the admin
// API, so the tests see what the broker holds, not what Apply meant to set.
func described(t *testing.T, cl *kgo.Client, specs []Spec) map[string]map[string]string {
	t.Helper()
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	rcs, err := kadm.NewClient(cl).DescribeTopicConfigs(context.Background(), names...)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]map[string]string, len(rcs))
	for _, rc := range rcs {
		if rc.Err != nil {
			t.Fatalf("describe %s: %v", rc.Name, rc.Err)
		}
		out[rc.Name] = make(map[string]string, len(rc.Configs))
		for _, c := range rc.Configs {
			out[rc.Name][c.Key] = c.MaybeValue()
		}
	}
	return out
}

// wantBound is the configs DESIGN §4 and the README promise for a topic
// under bound: compacted topics roll, compact and drop tombstones within
// it; the other topics roll within it and delete twice it later, except
// the dead-letter topic, an audit log kept 28 days.
func wantBound(name string, compacted bool, bound time.Duration) map[string]string {
	ms := func(d time.Duration) string { return fmt.Sprint(d.Milliseconds()) }
	switch {
	case compacted:
		return map[string]string{"cleanup.policy": "compact", "segment.ms": ms(bound),
			"max.compaction.lag.ms": ms(bound), "delete.retention.ms": ms(bound)}
	case strings.HasSuffix(name, ".dlq"):
		return map[string]string{"segment.ms": ms(bound), "retention.ms": ms(28 * 24 * time.Hour)}
	case strings.HasPrefix(name, "company-requests"):
		// Companies only, no people: a week, so a backlog waiting for a
		// quota does not expire.
		return map[string]string{"segment.ms": ms(bound), "retention.ms": ms(7 * 24 * time.Hour)}
	}
	return map[string]string{"segment.ms": ms(bound), "retention.ms": ms(2 * bound)}
}

// checkBound fails for every catalogue topic whose configs on the broker
// miss the erasure bound.
func checkBound(t *testing.T, cl *kgo.Client, specs []Spec, bound time.Duration) {
	t.Helper()
	got := described(t, cl, specs)
	compactedSeen := 0
	for _, s := range specs {
		compacted := s.Configs["cleanup.policy"] == "compact"
		if compacted {
			compactedSeen++
		}
		for k, v := range wantBound(s.Name, compacted, bound) {
			if got[s.Name][k] != v {
				t.Errorf("%s: %s = %q on the broker, want %q", s.Name, k, got[s.Name][k], v)
			}
		}
	}
	if compactedSeen != 8 {
		t.Errorf("%d compacted topics, want leads, aggregator state, lead state, erasures, dead-letter state, provider health, watchlist and watch timepoints", compactedSeen)
	}
}

func TestAFreshClusterGetsTheErasureBoundOnEveryTopic(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bound time.Duration
		want  time.Duration
	}{
		{"the default bound is a day", 0, 24 * time.Hour},
		{"a bound of two hours is set as two hours", 2 * time.Hour, 2 * time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, cl := newAdmin(t)
			specs := Catalogue(Config{ErasureBound: tc.bound})
			if _, err := Apply(context.Background(), cl, specs, -1); err != nil {
				t.Fatal(err)
			}
			checkBound(t, cl, specs, tc.want)
		})
	}
}

// TestAnExistingClusterWithoutTheBoundIsReconciled pins the upgrade path:
// topics made by an older catalogue (compaction with the broker's default
// lag, a week's retention) get the bound by incremental alter-configs,
// and Apply reports each change.
func TestAnExistingClusterWithoutTheBoundIsReconciled(t *testing.T) {
	ctx := context.Background()
	_, cl := newAdmin(t)
	specs := Catalogue(Config{})
	adm := kadm.NewClient(cl)
	for _, s := range specs {
		old := map[string]*string{"retention.ms": kadm.StringPtr("604800000")}
		if s.Configs["cleanup.policy"] == "compact" {
			old = map[string]*string{"cleanup.policy": kadm.StringPtr("compact")}
		}
		if _, err := adm.CreateTopic(ctx, s.Partitions, -1, old, s.Name); err != nil {
			t.Fatal(err)
		}
	}
	out, err := Apply(ctx, cl, specs, -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(out, Changed); got != len(specs) {
		t.Fatalf("changed %d topics, want all %d: %+v", got, len(specs), out)
	}
	for _, o := range out {
		if o.Topic == "enriched-leads" && !slices.Contains(o.Changes, `max.compaction.lag.ms: "" -> "86400000"`) {
			t.Errorf("enriched-leads changes %v do not report the compaction lag", o.Changes)
		}
		if o.Topic == "discovery-results" && !slices.Contains(o.Changes, `retention.ms: "604800000" -> "172800000"`) {
			t.Errorf("discovery-results changes %v do not report the retention", o.Changes)
		}
	}
	checkBound(t, cl, specs, DefaultErasureBound)
	again, err := Apply(ctx, cl, specs, -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(again, Unchanged); got != len(specs) {
		t.Fatalf("a second apply left %d of %d topics unchanged", got, len(specs))
	}
}

func TestTheErasureHorizonIsThreeBounds(t *testing.T) {
	if got := (Config{}).ErasureHorizon(); got != 72*time.Hour {
		t.Fatalf("default horizon %s, want 72h: segment.ms + max.compaction.lag.ms + delete.retention.ms", got)
	}
}

func TestValidateRefusesABoundTooShortForTheRetryTiers(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"the default bound is accepted", Config{}, true},
		{"a bound equal to the longest tier is accepted", Config{ErasureBound: 10 * time.Minute}, true},
		{"a bound under a minute is refused", Config{ErasureBound: time.Second, Tiers: []time.Duration{time.Second}}, false},
		{"a bound shorter than the longest tier is refused", Config{ErasureBound: 5 * time.Minute}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.cfg.Validate(); (err == nil) != tc.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
