package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/topics"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/twmb/franz-go/pkg/kadm"
)

// The environment pipeline.Providers reads Companies House's client from.
const (
	chKeyEnv  = "LEADGEN_COMPANIES_HOUSE_API_KEY"
	chFileEnv = chKeyEnv + "_FILE"
	chURLEnv  = "LEADGEN_COMPANIES_HOUSE_URL"
)

// runQuota measures DESIGN §13's quota target on a fresh broker and a
// sandbox enforcing cfg's quota: a backlog of QuotaRequests, produced
// before the pipeline starts, drained through the real provider path
// (cache, quota gate, breaker, client with its limiter).
func runQuota(ctx context.Context, cfg *Config) QuotaResult {
	q := cfg.quota()
	res := QuotaResult{Name: "quota " + q.String(), Quota: q, Requests: cfg.QuotaRequests}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	e, err := startEnvWith(ctx, cfg, topics.Names{}, sandbox.Config{Latency: cfg.QuotaLatency,
		RateLimit: q.Calls, RateWindow: q.Period})
	if err != nil {
		res.Err = err
		return res
	}
	defer e.Close()
	ids := requestIDs("quota", cfg.QuotaRequests)
	progress(cfg, "%s: producing a backlog of %d requests, half by number, half by name", res.Name, len(ids))
	if err := backlog(ctx, e, ids, mixedRequest); err != nil {
		res.Err = fmt.Errorf("%s: %w", res.Name, err)
		return res
	}
	res.Err = drainQuota(ctx, cfg, e, ids, fail, &res)
	return res
}

// drainQuota starts the pipeline on the backlog, waits for every lead and
// measures the drain.
func drainQuota(ctx context.Context, cfg *Config, e *env, ids []string, fail context.CancelCauseFunc, res *QuotaResult) error {
	m := metrics.New()
	prov, err := quotaProvider(e, res.Quota, m)
	if err != nil {
		return err
	}
	progress(cfg, "%s: draining at %.0f calls/s, sandbox latency %s", res.Name, res.Quota.PerSecond(), cfg.QuotaLatency)
	runtime.GC()
	cpu, start := cpuTime(), time.Now()
	r, err := launch(ctx, e, pipelineConfig(cfg, e, prov, m), fail)
	if err != nil {
		return err
	}
	waitErr := r.leads.wait(ctx, ids)
	res.CPU, res.Wall = cpuTime()-cpu, time.Since(start)
	tallyErr := tallyQuota(ctx, e, r, ids, m, res)
	stopErr := r.stop()
	if waitErr != nil {
		return fmt.Errorf("%s: waiting for leads: %w (cause: %v)", res.Name, waitErr, context.Cause(ctx))
	}
	return errors.Join(tallyErr, stopErr)
}

// quotaProvider builds the companies_house client as `leadgen run` does,
// told quota q, against e's sandbox. Its API key is new for every run, so
// the sandbox's window for the key starts at this run's first call. The
// environment pipeline.Providers reads is set only while it builds the
// client: an operator's own key file or URL must not point the bench
// elsewhere.
func quotaProvider(e *env, q ratelimit.Quota, m *metrics.Metrics) (*pipeline.Client, error) {
	deps := pipeline.Deps{Sandbox: &pipeline.Sandbox{URL: e.sbURL}, Metrics: m,
		Quotas: map[string]ratelimit.Quota{provName: q}, Logger: slog.New(slog.DiscardHandler)}
	key := fmt.Sprint("bench-quota-", time.Now().UnixNano())
	restore := setEnv(map[string]string{chKeyEnv: key, chFileEnv: "", chURLEnv: ""})
	provs, err := pipeline.Providers([]string{provName}, deps)
	restore()
	if err != nil {
		return nil, fmt.Errorf("bench provider: %w", err)
	}
	c, ok := provs[provName].(*pipeline.Client)
	if !ok || c.Limiter == nil {
		return nil, fmt.Errorf("bench provider: %s has no limiter", provName)
	}
	return c, nil
}

// setEnv sets each variable to its value, unsetting it for "", and
// returns a function that puts the earlier values back.
func setEnv(vars map[string]string) (restore func()) {
	type was struct {
		v   string
		set bool
	}
	old := map[string]was{}
	for k, v := range vars {
		prev, set := os.LookupEnv(k)
		old[k] = was{prev, set}
		if v == "" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, v)
		}
	}
	return func() {
		for k, w := range old {
			if w.set {
				os.Setenv(k, w.v)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}

// tallyQuota fills res from the leads, the sandbox's call log, leadgen's
// metrics and the dead-letter topic; it counts what there is even when
// ctx has ended.
func tallyQuota(ctx context.Context, e *env, r *running, ids []string, m *metrics.Metrics, res *QuotaResult) error {
	for _, a := range r.leads.arrivals(ids) {
		res.Leads++
		if a.complete {
			res.Complete++
		}
	}
	calls := e.sandbox.CallTimes(sandbox.ProviderCompaniesHouse)
	res.Calls = len(calls)
	if len(calls) > 0 {
		res.Drain = calls[len(calls)-1].Sub(calls[0])
	}
	res.MostInWindow = sandbox.MostCallsWithin(calls, res.Quota.Period)
	res.RateLimited = int(counterValue(m.QuotaCalls.WithLabelValues(provName, "rate_limited")))
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var err error
	res.DeadLetters, err = endOffsets(ctx, e.kafka, e.names.DLQ())
	return err
}

// counterValue reads a counter's value.
func counterValue(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return 0
	}
	return m.GetCounter().GetValue()
}

// endOffsets sums the end offsets of topic's partitions.
func endOffsets(ctx context.Context, kc kclient.Config, topic string) (int64, error) {
	cl, err := kclient.New(kc)
	if err != nil {
		return 0, fmt.Errorf("bench admin client: %w", err)
	}
	defer cl.Close()
	ends, err := kadm.NewClient(cl).ListEndOffsets(ctx, topic)
	if err == nil {
		err = ends.Error()
	}
	if err != nil {
		return 0, fmt.Errorf("end offsets of %s: %w", topic, err)
	}
	var sum int64
	ends.Each(func(o kadm.ListedOffset) { sum += o.Offset })
	return sum, nil
}
