package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestStatusBadInputGetsAOneLineUsageError(t *testing.T) {
	b := []string{"--brokers", "127.0.0.1:1"}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a quota without a period is refused", []string{"--quota", "x=abc"}, `--quota "x=abc"`},
		{"a quota of too few calls is refused", []string{"--quota", "x=1/1m"}, "at least 2"},
		{"an unknown output format is refused", []string{"--output", "yaml"}, "table or json"},
		{"an unknown provider is refused", []string{"--providers", "myspace"}, "myspace"},
		{"decreasing retry tiers are refused", []string{"--retry-tiers", "1m,10s"}, "increase"},
		{"an empty sample is refused", []string{"--sample", "0"}, "--sample"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, err := execute(t, append(append([]string{"status"}, tc.args...), b...)...)
			if err == nil || code != 2 {
				t.Fatalf("err = %v, exit %d; want a usage error (exit 2)", err, code)
			}
			if msg := oneLine(err); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q does not say %q on one line", msg, tc.want)
			}
		})
	}
}

func TestStatusShowsBacklogQuotaCallsPerLeadAndETA(t *testing.T) {
	addr := statusBroker(t)
	args := []string{"status", "--brokers", addr, "--providers", "companies_house,website"}
	expectTable(t, args,
		"PROVIDER         INPUT  RETRY  FALLBACK  BACKLOG  QUOTA   CALLS/S  CALLS/LEAD  ETA  WAITING  OLDEST",
		"companies_house  3      0      0         3        600/5m  2        3.00        5s   0        -",
		"website          6      0      0         6        none    -        -           -    0        -",
	)
	out, err := capture(t, append(args, "--output", "json", "--quota", "companies_house=60/1m")...)
	if err != nil {
		t.Fatal(err)
	}
	var ch struct {
		Provider     string
		Backlog      int64
		CallsPerLead float64 `json:"calls_per_lead"`
		ETASeconds   float64 `json:"eta_seconds"`
	}
	first, _, _ := strings.Cut(out, "\n")
	if err := json.Unmarshal([]byte(first), &ch); err != nil {
		t.Fatalf("JSON output %q: %v", out, err)
	}
	if ch.Provider != "companies_house" || ch.Backlog != 3 || ch.CallsPerLead != 3 || ch.ETASeconds != 9 {
		t.Fatalf("with --quota companies_house=60/1m got %+v; want backlog 3, 3 calls per lead, ETA 9s", ch)
	}
}

func TestStatusReportsTheProvidersOfLeadgenProviders(t *testing.T) {
	addr := statusBroker(t)
	t.Setenv("LEADGEN_PROVIDERS", "x")
	out, err := capture(t, "status", "--brokers", addr, "--output", "json")
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], `"provider":"x"`) {
		t.Fatalf("with LEADGEN_PROVIDERS=x status printed:\n%s", out)
	}
}

func TestStatusListsTheRequestsWaitingInTheAggregatorByProvider(t *testing.T) {
	addr, cl := testBroker(t)
	now := time.Now()
	both := []string{"companies_house", "website"}
	writeState(t, cl,
		heldRequest{"r1", both, []string{"companies_house"}, now.Add(-3 * time.Hour)}, // waits for website
		heldRequest{"r2", both, nil, now.Add(-4 * time.Hour)},                         // waited for both ...
		heldRequest{"r2", both, both, now.Add(-4 * time.Hour)},                        // ... until both answered
		heldRequest{"r3", []string{"companies_house"}, nil, now.Add(-2 * time.Hour)},  // waits for companies_house
		heldRequest{"r4", []string{"website"}, nil, now.Add(-90 * time.Minute)},       // waits for website
		heldRequest{"r5", []string{"website"}, nil, now.Add(-5 * time.Hour)},          // waited, then was evicted:
		heldRequest{id: "r5"}, // a tombstone
	)
	args := []string{"status", "--brokers", addr, "--providers", "companies_house,website,x"}
	expectTable(t, args,
		"PROVIDER         INPUT  RETRY  FALLBACK  BACKLOG  QUOTA    CALLS/S  CALLS/LEAD  ETA  WAITING  OLDEST",
		"companies_house  0      0      0         0        600/5m   2        -           0s   1        2h0m",
		"website          0      0      0         0        none     -        -           0s   2        3h0m",
		"x                0      0      0         0        300/15m  0.333    -           0s   0        -",
	)
	out, err := capture(t, append(args, "--output", "json")...)
	if err != nil {
		t.Fatal(err)
	}
	var web struct {
		Provider string
		Waiting  int      `json:"aggregator_waiting"`
		Oldest   *float64 `json:"oldest_waiting_seconds"`
	}
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[1]), &web); err != nil {
		t.Fatalf("JSON output %q: %v", out, err)
	}
	if web.Provider != "website" || web.Waiting != 2 || web.Oldest == nil || *web.Oldest < 3*3600 {
		t.Fatalf("website in JSON: %+v; want 2 requests waiting, the oldest for 3 hours", web)
	}
}

// expectTable runs leadgen with args and checks its output has each of
// lines, whole.
func expectTable(t *testing.T, args []string, lines ...string) {
	t.Helper()
	out, err := capture(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range lines {
		if !strings.Contains(out, w+"\n") {
			t.Errorf("table lacks %q:\n%s", w, out)
		}
	}
}

// heldRequest is a record of the aggregator's state changelog for request id:
// the providers it expects, those that answered and when the first
// answer came; no expected providers makes a tombstone.
type heldRequest struct {
	id       string
	expected []string
	answered []string
	since    time.Time
}

// writeState writes the records to the changelog in their order, as the
// aggregator's transactions would.
func writeState(t *testing.T, cl *kgo.Client, held ...heldRequest) {
	t.Helper()
	var recs []*kgo.Record
	for _, s := range held {
		rec := &kgo.Record{Topic: topics.Names{}.AggregatorState(), Key: []byte(s.id)}
		if s.expected != nil {
			results := map[string][]byte{}
			for _, p := range s.answered {
				results[p] = []byte("avro result")
			}
			v, err := json.Marshal(map[string]any{"expected": s.expected, "results": results, "since": s.since, "touched": s.since})
			if err != nil {
				t.Fatal(err)
			}
			rec.Value = v
		}
		recs = append(recs, rec)
	}
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// statusBroker starts a broker whose company-requests partition 0 holds 6
// requests, of which companies_house has committed the first 3, and whose
// results hold one companies_house lookup of 3 API calls.
func statusBroker(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	addr, cl := testBroker(t)
	names := topics.Names{}
	res, err := schemas.EncodeDiscoveryResult(&schemas.DiscoveryResult{RequestID: "r1", Provider: "companies_house",
		Status: schemas.StatusOK, Layer: schemas.LayerPrimary, APICalls: 3, FetchedAt: time.Now(), RequestedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	recs := []*kgo.Record{{Topic: names.Results(), Value: res}}
	for range 6 {
		recs = append(recs, &kgo.Record{Topic: names.Requests(), Value: []byte("request")})
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	var commit kadm.Offsets
	commit.AddOffset(names.Requests(), 0, 3, -1)
	if err := kadm.NewClient(cl).CommitAllOffsets(ctx, worker.Group("", "companies_house"), commit); err != nil {
		t.Fatal(err)
	}
	return addr
}
