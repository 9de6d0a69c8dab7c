package pipeline

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// series sums every sample of a metric family in a /metrics page.
func series(t *testing.T, page []byte, name string) float64 {
	t.Helper()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(string(page)))
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, m := range families[name].GetMetric() {
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		}
	}
	return sum
}

func TestARunningPipelineIsReadyAndItsSeriesMove(t *testing.T) {
	e := newEnv(t, sandbox.Config{})
	cfg := e.config(ch, RoleAggregator)
	cfg.Metrics, cfg.Health = metrics.New(), health.New()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	addr, err := cfg.Metrics.Serve(ctx, "127.0.0.1:0", cfg.Health.Handler())
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Fatalf("/healthz %d", code)
	}
	e.start(cfg)
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, body := get(t, base+"/readyz")
		if code == 200 {
			var rep struct {
				Providers map[string]health.Provider `json:"providers"`
			}
			if err := json.Unmarshal(body, &rep); err != nil || rep.Providers[ch].State != health.Healthy {
				t.Fatalf("/readyz body %s", body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("never ready: %s", body)
		}
	}
	reqs, _ := requestsFor(5, 900)
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor(ids(reqs)))
	_, page := get(t, base+"/metrics")
	for _, name := range []string{"leadgen_provider_lookups_total", "leadgen_provider_lookup_duration_seconds",
		"leadgen_leads_total", "leadgen_request_to_lead_seconds", "leadgen_cache_lookups_total",
		"leadgen_kafka_produce_bytes_total", "leadgen_kafka_fetch_bytes_total"} {
		if v := series(t, page, name); v <= 0 {
			t.Errorf("%s did not move: %v", name, v)
		}
	}
}
