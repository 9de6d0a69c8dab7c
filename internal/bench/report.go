package bench

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Report writes the result tables of the scenarios that ran, their
// targets and how to read them.
func Report(w io.Writer, cfg *Config, res Results) error {
	var sections []func() error
	if len(res.Pipeline) > 0 {
		sections = append(sections, func() error { return reportPipeline(w, cfg, res.Pipeline) })
	}
	if len(res.Retry) > 0 {
		sections = append(sections, func() error { return reportRetry(w, cfg, res.Retry) })
	}
	if len(res.Quota) > 0 {
		sections = append(sections, func() error { return reportQuota(w, cfg, res.Quota) })
	}
	if len(res.State) > 0 {
		sections = append(sections, func() error { return reportState(w, res.State) })
	}
	for i, write := range sections {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

// reportPipeline writes the pipeline and baseline table.
func reportPipeline(w io.Writer, cfg *Config, results []Result) error {
	return writeTable(w, "scenario\trequests\treq/s\tp50\tp95\tp99\tcpu-µs/req\tpeak-rss\tlookup\tcalls\tbound req/s\tof-bound\tlookup-bound\tof-lookup-bound\t", ordered(results), row,
		targets(cfg, results)+notes(cfg))
}

// writeTable writes a table aligned on its tabs, a header and one row per
// result, then text.
func writeTable[R any](w io.Writer, header string, results []R, row func(R) string, text string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	for _, r := range results {
		fmt.Fprintln(tw, row(r))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	_, err := io.WriteString(w, text)
	return err
}

// concat joins the text f gives for each result.
func concat[R any](results []R, f func(R) string) string {
	var b strings.Builder
	for _, r := range results {
		b.WriteString(f(r))
	}
	return b.String()
}

// ordered puts pipeline rows first, then baseline rows, each in run order.
func ordered(results []Result) []Result {
	var out []Result
	for _, baseline := range []bool{false, true} {
		for _, r := range results {
			if r.Baseline == baseline {
				out = append(out, r)
			}
		}
	}
	return out
}

func row(r Result) string {
	cells := []string{r.Name, fmt.Sprint(r.Requests), fmt.Sprintf("%.1f", r.PerSecond()),
		dur(r.Lat.P50), dur(r.Lat.P95), dur(r.Lat.P99), fmt.Sprint(r.CPUPerRequest().Microseconds()),
		mib(r.PeakRSS), dur(r.MeanLookup), fmt.Sprintf("%.1f", r.CallsPerLookup),
		num(r.Bound()), frac(r.PerSecond(), r.Bound()), num(r.LookupBound()), frac(r.PerSecond(), r.LookupBound()), statusCell(r.Err)}
	return strings.Join(cells, "\t")
}

// statusCell marks the row of a scenario that did not complete.
func statusCell(err error) string {
	if err != nil {
		return "FAILED"
	}
	return ""
}

func dur(d time.Duration) string {
	switch {
	case d == 0:
		return "-"
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	default:
		return d.Round(time.Millisecond).String()
	}
}

func mib(b int64) string { return fmt.Sprintf("%dMiB", b>>20) }

func num(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", v)
}

func frac(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// targets states the DESIGN §13 targets for every scenario with latency,
// and the speedup for every latency.
func targets(cfg *Config, results []Result) string {
	var b strings.Builder
	for _, lat := range cfg.Latencies {
		p, okP := find(results, lat, false)
		base, okB := find(results, lat, true)
		if !okP || !okB || p.Err != nil || base.Err != nil {
			fmt.Fprintf(&b, "latency %s: incomplete, no verdict\n", lat)
			continue
		}
		speedup := Ratio(p.PerSecond(), base.PerSecond())
		if lat == 0 {
			fmt.Fprintf(&b, "speedup at %s: %sx\n", lat, times(speedup))
			continue
		}
		fmt.Fprintf(&b, "speedup at %s: %sx (target ≥ %.0fx) %s   p99 at %s: %s (target < %s) %s\n",
			lat, times(speedup), TargetSpeedup, verdict(speedup >= TargetSpeedup), offered(p.Rate), dur(p.Lat.P99), TargetP99, verdict(p.Lat.P99 < TargetP99))
	}
	return b.String()
}

// times formats a ratio: one decimal below 10, whole above.
func times(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

func offered(rate float64) string {
	if rate <= 0 {
		return "an unpaced burst"
	}
	return fmt.Sprintf("%g req/s", rate)
}

func find(results []Result, lat time.Duration, baseline bool) (Result, bool) {
	for _, r := range results {
		if r.Latency == lat && r.Baseline == baseline {
			return r, true
		}
	}
	return Result{}, false
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

func notes(cfg *Config) string {
	return fmt.Sprintf(`notes:
  pipeline rows: %d warm-up requests first, not counted; req/s = leads / (last lead - first send);
    p50..p99 = lead consumed (read_committed) - requested_at, first version per request.
  baseline rows: backlog drained by one consumer, lookup then ProduceSync per record, no
    concurrency, no linger; req/s from its first record; p50..p99 = per-record service time.
  cpu-µs/req and peak-rss are the whole process: they include the in-process broker (kfake)
    and the sandbox. peak-rss is the highest RSS sampled during the scenario; process
    ru_maxrss so far: %s.
  lookup = mean provider lookup time; calls = sandbox API calls per lookup.
  bound = Little's law with one call per lookup: max in-flight (%d) / sandbox latency;
    lookup-bound = max in-flight / measured mean lookup time (every sequential call).
`, cfg.Warmup, mib(maxRSS()), cfg.MaxInFlight)
}
