package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// aggregatorProc is a `leadgen run --roles aggregator` child process, so
// the state scenario measures the aggregator's memory alone: not the
// producer's buffers, nor the broker's records.
type aggregatorProc struct {
	cmd     *exec.Cmd
	metrics string // the /metrics URL
	log     *os.File
	done    chan error
}

// aggregatorArgs are the child's arguments: the aggregator alone on
// brokers, its store under dir ("" keeps it in memory) with cache bytes of
// hot states, its metrics on metricsAddr, warnings and errors logged. The
// aggregator calls no API: --sandbox-url only keeps the five providers
// enabled, as their credentials would in production, so it expects the
// five results of each request.
func aggregatorArgs(brokers, dir string, cache int64, metricsAddr string) []string {
	if dir == "" {
		dir = "memory"
	}
	return []string{"run", "--config", "", "--log-level", "warn", "--roles", "aggregator", "--brokers", brokers,
		"--providers", strings.Join(stateProviders, ","), "--sandbox-url", "http://127.0.0.1:9",
		"--instance-id", "bench", "--state-dir", dir, "--state-cache-bytes", strconv.FormatInt(cache, 10),
		"--metrics-addr", metricsAddr}
}

// childEnv is this process's environment without leadgen's variables,
// which would otherwise set the child's flags (a topic prefix, TLS, the
// retention) behind the scenario's back.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LEADGEN_") && !strings.HasPrefix(kv, "REDIS_URL=") {
			env = append(env, kv)
		}
	}
	return env
}

// scrapeClient reads the child's metrics; a child that stops answering
// fails a scrape instead of stalling the scenario.
var scrapeClient = &http.Client{Timeout: 10 * time.Second}

// startAggregatorProc runs the aggregator in a child process of this
// executable and waits until its metrics answer.
func startAggregatorProc(ctx context.Context, brokers, dir string, cache int64) (*aggregatorProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench aggregator: %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	log, err := os.CreateTemp("", "leadgen-bench-aggregator-*.log")
	if err != nil {
		return nil, fmt.Errorf("bench aggregator log: %w", err)
	}
	cmd := exec.Command(exe, aggregatorArgs(brokers, dir, cache, addr)...)
	cmd.Stdout, cmd.Stderr, cmd.Env = log, log, childEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // not left running if the bench dies
	if err := cmd.Start(); err != nil {
		log.Close()
		os.Remove(log.Name())
		return nil, fmt.Errorf("bench aggregator: %w", err)
	}
	a := &aggregatorProc{cmd: cmd, metrics: "http://" + addr + "/metrics", log: log, done: make(chan error, 1)}
	go func() { a.done <- cmd.Wait() }()
	if err := a.waitServing(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// waitServing polls the child's metrics until they answer, it exits or ctx
// ends.
func (a *aggregatorProc) waitServing(ctx context.Context) error {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if _, err := a.scrape(ctx); err == nil {
			return nil
		}
		select {
		case err := <-a.done:
			a.done <- err
			return fmt.Errorf("bench aggregator exited at start (%v): %s", err, a.tail())
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// scrape reads the child's metric families.
func (a *aggregatorProc) scrape(ctx context.Context) (map[string]*familySums, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.metrics, nil)
	if err != nil {
		return nil, err
	}
	resp, err := scrapeClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("bench aggregator metrics: %s", resp.Status)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("bench aggregator metrics: %w", err)
	}
	sums := make(map[string]*familySums, len(fams))
	for name, f := range fams {
		s := &familySums{}
		for _, m := range f.GetMetric() {
			s.value += m.GetCounter().GetValue()
			s.count += m.GetHistogram().GetSampleCount()
			s.sum += m.GetHistogram().GetSampleSum()
		}
		sums[name] = s
	}
	return sums, nil
}

// familySums is a metric family summed over its labels: a counter's value,
// a histogram's count and sum.
type familySums struct {
	value, sum float64
	count      uint64
}

// counter is the named counter's value summed over its labels, 0 when the
// child has not exported it yet.
func counter(fams map[string]*familySums, name string) float64 {
	if f := fams[name]; f != nil {
		return f.value
	}
	return 0
}

// rss is the child's resident set now.
func (a *aggregatorProc) rss() int64 {
	return statmRSS("/proc/" + strconv.Itoa(a.cmd.Process.Pid) + "/statm")
}

// exited is the child's exit when it has ended early, nil while it runs.
func (a *aggregatorProc) exited() error {
	select {
	case err := <-a.done:
		a.done <- err
		return fmt.Errorf("bench aggregator exited (%v): %s", err, a.tail())
	default:
		return nil
	}
}

// Close stops the child as SIGINT (Ctrl-C) would and waits for it.
func (a *aggregatorProc) Close() error {
	defer os.Remove(a.log.Name())
	defer a.log.Close()
	_ = a.cmd.Process.Signal(os.Interrupt)
	var err error
	select {
	case err = <-a.done:
	case <-time.After(time.Minute):
		_ = a.cmd.Process.Kill()
		err = <-a.done
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Errorf("bench aggregator: %w: %s", err, a.tail())
	}
	return err
}

// tail is the last lines the child logged.
func (a *aggregatorProc) tail() string {
	b, _ := os.ReadFile(a.log.Name())
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(bytes.TrimSpace(b))
}
