package dlq

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/twmb/franz-go/pkg/kgo"
)

var t1 = t0.Add(24 * time.Hour)

func config(out *strings.Builder) ReplayConfig {
	return ReplayConfig{Names: names, FirstTier: 10 * time.Second, Now: func() time.Time { return t1 }, Out: out}
}

// replay runs Replay over the letters f selects with a real producer.
func replay(t *testing.T, opts []kgo.Opt, f Filter, c ReplayConfig) Summary {
	t.Helper()
	var cl *kgo.Client
	if !c.DryRun {
		var err error
		if cl, err = kgo.NewClient(opts...); err != nil {
			t.Fatal(err)
		}
		defer cl.Close()
	}
	sum, err := Replay(context.Background(), cl, readAll(t, opts, names.DLQ(), f), c)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestDecideReplaysOnlyDecodableRequestsOfKnownProviders(t *testing.T) {
	for _, tc := range []struct {
		name   string
		d      dead
		tier   time.Duration
		topic  string
		reason string
	}{
		{"a request of a provider goes to its first retry tier", dead{provider: "x", class: failure.Transient, value: request(t, "r")}, 10 * time.Second, "company-requests.retry.x.10s", ""},
		{"another first tier names another topic", dead{provider: "website", class: failure.Auth, value: request(t, "r")}, 30 * time.Second, "company-requests.retry.website.30s", ""},
		{"undecodable bytes stay in the dlq", dead{provider: "x", class: failure.Undecodable, value: []byte("{}")}, 10 * time.Second, "", "still undecodable (bad_magic), left in the dlq"},
		{"an aggregator letter is not a request", dead{provider: "aggregator", class: failure.Undecodable, value: []byte("{}")}, 10 * time.Second, "", "dead-lettered by the aggregator"},
		{"a letter without a provider has nowhere to go", dead{class: failure.Permanent, value: request(t, "r")}, 10 * time.Second, "", "no leadgen.provider header"},
		{"a request still over the input limits stays in the dlq", dead{provider: "x", class: failure.Invalid, value: invalidRequest(t)}, 10 * time.Second, "",
			"still invalid (company_name too long: 161 characters, the limit is 160), left in the dlq"},
		{"an unknown provider has no retry topic", dead{provider: "myspace", class: failure.Transient, value: request(t, "r")}, 10 * time.Second, "", `unknown provider "myspace"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Decide(Parse(tc.d.record()), ReplayConfig{Names: names, FirstTier: tc.tier}, t1)
			if tc.topic != "" && (d.Record == nil || d.Record.Topic != tc.topic) {
				t.Fatalf("decision %+v, want a replay to %s", d, tc.topic)
			}
			if tc.reason != "" && (d.Record != nil || !strings.Contains(d.Reason, tc.reason)) {
				t.Fatalf("decision %+v, want a skip saying %q", d, tc.reason)
			}
		})
	}
}

func TestReplaySendsACopyDueNowToTheFirstRetryTierAndLeavesTheDLQAsItWas(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "r1", request(t, "r1"), t0, 0},
		dead{"website", failure.Auth, "r2", request(t, "r2"), t0, 1})
	if sum := replay(t, opts, All(), config(new(strings.Builder))); sum.Replayed != 2 || sum.Skipped != 0 {
		t.Fatalf("summary %+v", sum)
	}
	x := readAll(t, opts, names.Retry("x", 10*time.Second), All())
	web := readAll(t, opts, names.Retry("website", 10*time.Second), All())
	if !slices.Equal(keys(x), []string{"r1"}) || !slices.Equal(keys(web), []string{"r2"}) {
		t.Fatalf("retry topics hold x %v, website %v", keys(x), keys(web))
	}
	l := x[0]
	if l.ReplayCount != 1 || route.Header(l.record(), route.HeaderDueAt) != "2026-03-02T12:00:00.000Z" ||
		l.Request == nil || l.Request.RequestID != "r1" || !l.FirstFailedAt.Equal(t0) ||
		l.OriginalTopic != "company-requests" || route.Header(l.record(), "trace") != "trace-r1" {
		t.Fatalf("replayed copy %+v", l)
	}
	if n := len(readAll(t, opts, names.DLQ(), All())); n != 2 {
		t.Fatalf("the dlq holds %d records after a replay, want the 2 it had", n)
	}
}

func TestAReplayThatFailsAgainComesBackAndIsReplayedWithCountTwo(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "r1", request(t, "r1"), t0, 0})
	replay(t, opts, All(), config(new(strings.Builder)))
	first := readAll(t, opts, names.Retry("x", 10*time.Second), All())[0]
	again := first.record()
	again.Topic = names.Retry("x", 10*time.Second)
	back := route.Record(again, names.DLQ(), route.Failure{Provider: "x", Attempt: 4, Class: failure.Transient}, t1)
	write(t, opts, back)

	f := All()
	f.Partition, f.FromOffset = 0, 1
	replay(t, opts, f, config(new(strings.Builder)))
	got := readAll(t, opts, names.Retry("x", 10*time.Second), All())
	if len(got) != 2 || got[0].ReplayCount != 1 || got[1].ReplayCount != 2 {
		t.Fatalf("replay counts %v, want 1 then 2", counts(got))
	}
}

func TestReplayingTheSameRangeTwiceSendsTwoCopiesAndChangesNothingInTheDLQ(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "r1", request(t, "r1"), t0, 0})
	replay(t, opts, All(), config(new(strings.Builder)))
	replay(t, opts, All(), config(new(strings.Builder)))
	got := readAll(t, opts, names.Retry("x", 10*time.Second), All())
	dlq := readAll(t, opts, names.DLQ(), All())
	if !slices.Equal(counts(got), []int{1, 1}) || len(dlq) != 1 || dlq[0].ReplayCount != 0 {
		t.Fatalf("copies with counts %v, dlq %v", counts(got), counts(dlq))
	}
}

func TestReplaySkipsUndecodableAndAggregatorLettersAndSaysWhy(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts,
		dead{"x", failure.Transient, "good", request(t, "good"), t0, 0},
		dead{"x", failure.Undecodable, "junk", []byte("junk"), t0, 0},
		dead{"aggregator", failure.Undecodable, "result", []byte("junk"), t0, 0},
		dead{"", failure.Permanent, "orphan", request(t, "orphan"), t0, 0},
	)
	var out strings.Builder
	sum := replay(t, opts, All(), config(&out))
	for _, want := range []string{
		"replayed partition 0 offset 0 key good to company-requests.retry.x.10s (replay 1)",
		"partition 0 offset 1: still undecodable (bad_magic), left in the dlq",
		"partition 0 offset 2: skipped: dead-lettered by the aggregator",
		"partition 0 offset 3: skipped: no leadgen.provider header",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if got := sum.String(); got != "replayed 1, skipped 3 (still undecodable 1)" {
		t.Errorf("summary %q", got)
	}
	if got := keys(readAll(t, opts, names.Retry("x", 10*time.Second), All())); !slices.Equal(got, []string{"good"}) {
		t.Errorf("retry topic holds %v, want only the decodable request", got)
	}
}

func TestADryRunSaysWhatItWouldReplayAndProducesNothing(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "r1", request(t, "r1"), t0, 0})
	var out strings.Builder
	c := config(&out)
	c.DryRun = true
	sum := replay(t, opts, All(), c)
	if !strings.Contains(out.String(), "would replay partition 0 offset 0 key r1 to company-requests.retry.x.10s (replay 1)") ||
		sum.String() != "would replay 1, would skip 0" {
		t.Fatalf("output %q, summary %q", out.String(), sum)
	}
	if got := readAll(t, opts, names.Retry("x", 10*time.Second), All()); len(got) != 0 {
		t.Fatalf("a dry run produced %d records", len(got))
	}
}

func TestAProgressBarShowsForMoreThanTwentyReplays(t *testing.T) {
	opts := embeddedtest.Opts(t)
	var ds []dead
	for i := range 21 {
		k := fmt.Sprintf("r%02d", i)
		ds = append(ds, dead{"x", failure.Transient, k, request(t, k), t0, 0})
	}
	letters(t, opts, ds...)
	for _, tc := range []struct {
		name string
		to   int64
		bar  bool
	}{
		{"twenty replays show no bar", 19, false},
		{"twenty-one replays show a bar", 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := All()
			f.Partition, f.ToOffset = 0, tc.to
			var progress strings.Builder
			c := config(new(strings.Builder))
			c.Progress = &progress
			replay(t, opts, f, c)
			if shown := strings.Contains(progress.String(), "replaying"); shown != tc.bar {
				t.Fatalf("bar shown %v, want %v: %q", shown, tc.bar, progress.String())
			}
			if strings.Contains(progress.String(), "\r") {
				t.Fatalf("progress to a writer that is no terminal redraws in place: %q", progress.String())
			}
		})
	}
}

func TestAReplayTheBrokerRefusesIsAnErrorAndNotCounted(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts, dead{"x", failure.Transient, "r1", request(t, "r1"), t0, 0})
	ls := readAll(t, opts, names.DLQ(), All())
	cl, err := kclient.New(kclient.Config{Brokers: []string{"127.0.0.1:1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out strings.Builder
	sum, err := Replay(ctx, cl, ls, config(&out))
	if err == nil || sum.Replayed != 0 || !strings.Contains(out.String(), "partition 0 offset 0: not replayed") {
		t.Fatalf("summary %+v, err %v, output %q", sum, err, out.String())
	}
}

func counts(ls []Letter) []int {
	out := make([]int, len(ls))
	for i, l := range ls {
		out[i] = l.ReplayCount
	}
	return out
}
