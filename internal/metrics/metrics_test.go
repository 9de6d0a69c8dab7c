package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestNewRegistersTheRuntimeCollectorsAndLeadgenSeries(t *testing.T) {
	m := New()
	m.ProviderCalls.WithLabelValues("x", "ok").Inc()
	m.Routed.WithLabelValues("x", "retry.10s", "transient").Inc()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range families {
		got[f.GetName()] = true
	}
	for _, want := range []string{"go_goroutines", "process_cpu_seconds_total",
		"leadgen_provider_lookups_total", "leadgen_routed_records_total", "leadgen_aggregator_stalled_seconds"} {
		if !got[want] {
			t.Errorf("%s is not registered", want)
		}
	}
}

func TestSeriesCarryTheirDocumentedLabels(t *testing.T) {
	m := New()
	m.DeadLetters.WithLabelValues("companies_house", "auth").Inc()
	want := `
# HELP leadgen_dlq_records_total Records sent to the dead-letter topic.
# TYPE leadgen_dlq_records_total counter
leadgen_dlq_records_total{class="auth",provider="companies_house"} 1
`
	if err := testutil.GatherAndCompare(m.Registry, strings.NewReader(want), "leadgen_dlq_records_total"); err != nil {
		t.Error(err)
	}
}

func TestTheStallGaugeReadsTheFunctionItIsGiven(t *testing.T) {
	m := New()
	if got := testutil.ToFloat64(m.AggregatorStalled); got != 0 {
		t.Errorf("before SetAggregatorStall: %v, want 0", got)
	}
	m.SetAggregatorStall(func() time.Duration { return 90 * time.Second })
	if got := testutil.ToFloat64(m.AggregatorStalled); got != 90 {
		t.Errorf("after SetAggregatorStall: %v, want 90", got)
	}
}

func TestTheWaitingSeriesReadTheFunctionTheyAreGiven(t *testing.T) {
	m := New()
	m.SetAggregatorWaiting(func() []Waiting {
		return []Waiting{{Provider: "x", Requests: 3, Oldest: 90 * time.Second}, {Provider: "website"}}
	})
	want := `
# HELP leadgen_aggregator_oldest_waiting_seconds How long the oldest request waiting for this provider has waited since its first result (0 when none waits).
# TYPE leadgen_aggregator_oldest_waiting_seconds gauge
leadgen_aggregator_oldest_waiting_seconds{provider="website"} 0
leadgen_aggregator_oldest_waiting_seconds{provider="x"} 90
# HELP leadgen_aggregator_waiting_requests Requests the aggregator holds until this provider answers (a result, its fallback or its dead letter).
# TYPE leadgen_aggregator_waiting_requests gauge
leadgen_aggregator_waiting_requests{provider="website"} 0
leadgen_aggregator_waiting_requests{provider="x"} 3
`
	if err := testutil.GatherAndCompare(m.Registry, strings.NewReader(want),
		"leadgen_aggregator_waiting_requests", "leadgen_aggregator_oldest_waiting_seconds"); err != nil {
		t.Error(err)
	}
}

func TestTheStateStoreGaugesReadTheFunctionGiven(t *testing.T) {
	m := New()
	m.SetAggregatorState(func() State {
		return State{DiskBytes: 4096, Keys: map[string]int{"request": 3, "lead": 2}, CacheHitRatio: 0.75}
	})
	want := `
# HELP leadgen_aggregator_state_keys States the aggregator holds for its partitions, by stage (request, lead).
# TYPE leadgen_aggregator_state_keys gauge
leadgen_aggregator_state_keys{stage="lead"} 2
leadgen_aggregator_state_keys{stage="request"} 3
`
	if err := testutil.GatherAndCompare(m.Registry, strings.NewReader(want), "leadgen_aggregator_state_keys"); err != nil {
		t.Fatal(err)
	}
	if n, err := testutil.GatherAndCount(m.Registry, "leadgen_aggregator_state_disk_bytes", "leadgen_aggregator_state_cache_hit_ratio"); err != nil || n != 2 {
		t.Fatalf("disk and hit ratio series: %d, %v", n, err)
	}
}
