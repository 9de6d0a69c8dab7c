package worker

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/twmb/franz-go/pkg/kgo"
)

// named is a provider that only has a name (one the topic catalogue
// knows): Route and DeadLetter never call it.
type named string

func (n named) Name() string { return string(n) }
func (n named) Lookup(context.Context, *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	return nil, errors.New("not called")
}

func TestRouteSendsEachFailureWhereItsClassAndTierSay(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	names := topics.Names{}
	tiers := topics.DefaultTiers
	for _, tc := range []struct {
		name     string
		tier     int
		err      error
		topic    string
		label    string
		dueAfter time.Duration // 0: no leadgen.due.at header
	}{
		{"a transient failure from the input waits in the first tier", -1,
			errors.New("connection reset"), names.Retry("x", tiers[0]), "retry.10s", tiers[0]},
		{"a transient failure from the first tier waits in the second", 0,
			failure.New(failure.Transient, errors.New("503")), names.Retry("x", tiers[1]), "retry.1m", tiers[1]},
		{"a rate-limited failure skips the tiers shorter than the wait asked for", -1,
			&failure.Error{Class: failure.RateLimited, RetryAfter: 5 * time.Minute, Err: errors.New("429")}, names.Retry("x", tiers[2]), "retry.10m", tiers[2]},
		{"a transient failure from the last tier goes to the fallback", len(tiers) - 1,
			failure.New(failure.Transient, errors.New("503")), names.Fallback("x"), "fallback", 0},
		{"a not-found goes to the fallback at once", -1,
			failure.New(failure.NotFound, errors.New("404")), names.Fallback("x"), "fallback", 0},
		{"an auth failure is dead-lettered: retrying cannot fix it", -1,
			failure.New(failure.Auth, errors.New("401")), names.DLQ(), "dlq", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := embeddedtest.Opts(t)
			cl, err := kgo.NewClient(opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			env := &Env{Provider: named("x"), Names: names, Enabled: []string{"x"}, Now: func() time.Time { return now },
				Logger: slog.New(slog.DiscardHandler)}
			env.SetDefaults()
			src := &kgo.Record{Topic: names.Requests(), Key: []byte("req-1"), Value: []byte("body"), Partition: 2, Offset: 7}
			if err := NewOutput(env, cl, nil).Route(t.Context(), src, 1, tc.tier, tc.err); err != nil {
				t.Fatal(err)
			}
			got := embeddedtest.First(t, opts, tc.topic, "")
			if string(got.Key) != "req-1" || string(got.Value) != "body" {
				t.Errorf("routed record %q=%q, want the source's key and value", got.Key, got.Value)
			}
			class := string(failure.ClassOf(tc.err))
			for k, want := range map[string]string{route.HeaderProvider: "x", route.HeaderAttempt: "1",
				route.HeaderErrorClass: class, route.HeaderOriginalTopic: names.Requests(),
				route.HeaderOriginalPartition: "2", route.HeaderOriginalOffset: "7"} {
				if v := route.Header(got, k); v != want {
					t.Errorf("header %s = %q, want %q", k, v, want)
				}
			}
			wantDue := ""
			if tc.dueAfter > 0 {
				wantDue = route.FormatDue(now.Add(tc.dueAfter))
			}
			if v := route.Header(got, route.HeaderDueAt); v != wantDue {
				t.Errorf("header %s = %q, want %q", route.HeaderDueAt, v, wantDue)
			}
			if n := testutil.ToFloat64(env.Metrics.Routed.WithLabelValues("x", tc.label, class)); n != 1 {
				t.Errorf("leadgen_routed_records_total{destination=%q} = %v, want 1", tc.label, n)
			}
		})
	}
}

func TestAnAnsweredReplayResolvesItsDeadLetterAndAFailedOneDoesNot(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	names := topics.Names{}
	opts := embeddedtest.Opts(t)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	env := &Env{Provider: named("x"), Names: names, Enabled: []string{"x"}, Now: func() time.Time { return now },
		Logger: slog.New(slog.DiscardHandler)}
	out := NewOutput(env, cl, nil)
	letter := route.Record(&kgo.Record{Topic: names.Requests(), Offset: 9, Key: []byte("r1")}, names.DLQ(),
		route.Failure{Provider: "x", Attempt: 4, Class: failure.Transient, Err: errors.New("503")}, now)
	replayed := route.Replay(letter, names.Retry("x", tiersOf(env)[0]), now, "run-1")

	failed := Failed(schemas.StatusFallback, failure.New(failure.Permanent, errors.New("no data")))
	failed.RequestID = "r1"
	if err := out.Emit(t.Context(), replayed, failed); err != nil {
		t.Fatal(err)
	}
	ok := &schemas.DiscoveryResult{RequestID: "r1", Provider: "x", Status: schemas.StatusOK, Layer: schemas.LayerPrimary}
	if err := out.Emit(t.Context(), replayed, ok); err != nil {
		t.Fatal(err)
	}
	rec := embeddedtest.First(t, opts, names.DLQState(), "")
	if string(rec.Key) != "company-requests/0/9@x" || !strings.Contains(string(rec.Value), `"state":"resolved"`) ||
		!strings.Contains(string(rec.Value), `"replay_id":"run-1"`) {
		t.Fatalf("first state record %s = %s, want the answered replay resolved (and nothing for the failed one)", rec.Key, rec.Value)
	}
}

func tiersOf(e *Env) []time.Duration {
	e.SetDefaults()
	return e.Tiers
}
