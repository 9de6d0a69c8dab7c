package pipeline

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/segmentio/kafka-go"
)

// answerOf is provider's answer to request id, which expects
// companies_house and x.
func answerOf(t *testing.T, id, provider string) kafka.Message {
	t.Helper()
	v, err := schemas.EncodeDiscoveryResult(&schemas.DiscoveryResult{RequestID: id, Provider: provider,
		Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary, CompanyName: "ACME WIDGETS LIMITED",
		ExpectedProviders: []string{ch, "x"}, FetchedAt: time.Now(), RequestedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return kafka.Message{Key: []byte(id), Value: v}
}

// awaitWaiting waits until the aggregator's metrics say want requests
// wait for provider, and returns the oldest wait they report.
func awaitWaiting(t *testing.T, m *metrics.Metrics, provider string, want float64) float64 {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		waiting, oldest := waitingSeries(t, m, provider)
		if waiting == want {
			return oldest
		}
		select {
		case <-deadline:
			t.Fatalf("leadgen_aggregator_waiting_requests{provider=%q} stayed %v, want %v", provider, waiting, want)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// waitingSeries reads provider's waiting requests and oldest wait.
func waitingSeries(t *testing.T, m *metrics.Metrics, provider string) (waiting, oldest float64) {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		name := f.GetName()
		if name != "leadgen_aggregator_waiting_requests" && name != "leadgen_aggregator_oldest_waiting_seconds" {
			continue
		}
		for _, s := range f.GetMetric() {
			if s.GetLabel()[0].GetValue() != provider {
				continue
			}
			if name == "leadgen_aggregator_waiting_requests" {
				waiting = s.GetGauge().GetValue()
			} else {
				oldest = s.GetGauge().GetValue()
			}
		}
	}
	return waiting, oldest
}

func TestTheAggregatorCountsARequestWaitingForAProviderAcrossARestart(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	cfg := e.config(RoleAggregator)
	cfg.Metrics = metrics.New()
	stop := e.start(cfg)
	e.produce(names.Results(), answerOf(t, "waits-for-x", ch))
	if oldest := awaitWaiting(t, cfg.Metrics, "x", 1); oldest <= 0 {
		t.Errorf("one request waits for x, but the oldest wait is %vs", oldest)
	}
	if waiting, _ := waitingSeries(t, cfg.Metrics, ch); waiting != 0 {
		t.Errorf("%v requests wait for companies_house, which answered", waiting)
	}
	stop()

	cfg.Metrics = metrics.New() // the next process: its state comes from the changelog
	e.start(cfg)
	awaitWaiting(t, cfg.Metrics, "x", 1)
	e.produce(names.Results(), answerOf(t, "waits-for-x", "x"))
	awaitWaiting(t, cfg.Metrics, "x", 0)
	e.readCommitted(names.Leads(), leadsFor([]string{"waits-for-x"}))
}
