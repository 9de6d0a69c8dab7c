package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// reportRetry writes the retry-tier table, its verdicts and notes.
func reportRetry(w io.Writer, cfg *Config, results []RetryResult) error {
	return writeTable(w, "scenario\twaiting\theld\tcpu-while-waiting\tlate-p50\tlate-p95\tlate-p99\tlate-max\tearly\tearly-unrounded\tfired\tduplicates\tpartitions\t",
		results, retryRow, concat(results, retryVerdict)+retryNotes(cfg))
}

func retryRow(r RetryResult) string {
	cells := []string{r.Name, fmt.Sprint(r.Waiting), fmt.Sprint(r.Held), fmt.Sprintf("%.1f%%", r.IdleCPUPercent()),
		late(r.Late.P50, r.Late.N), late(r.Late.P95, r.Late.N), late(r.Late.P99, r.Late.N), late(r.Late.Max, r.Late.N),
		fmt.Sprint(r.Early), fmt.Sprint(r.EarlyUnrounded), fmt.Sprintf("%d/%d", r.Fired, r.Records),
		fmt.Sprint(r.Duplicates), fmt.Sprint(r.Partitions), statusCell(r.Err)}
	return strings.Join(cells, "\t")
}

// late formats a lateness: whole milliseconds (FetchedAt has no more),
// "-" when nothing was measured.
func late(d time.Duration, n int) string {
	if n == 0 {
		return "-"
	}
	return d.Round(time.Millisecond).String()
}

// retryVerdict states the DESIGN §7 invariants for one run.
func retryVerdict(r RetryResult) string {
	if r.Err != nil {
		return fmt.Sprintf("%s: incomplete, no verdict\n", r.Name)
	}
	return fmt.Sprintf("%s: never early %s   fired exactly once %s   cpu while %d records wait: %.1f%% of one core\n",
		r.Name, verdictStrict(r.Early == 0), verdictStrict(r.Fired == r.Records && r.Duplicates == 0), r.Waiting, r.IdleCPUPercent())
}

// verdictStrict is verdict for invariants: a miss is a FAIL.
func verdictStrict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

func retryNotes(cfg *Config) string {
	return fmt.Sprintf(`notes (retry):
  %d records written with route.Record (as the provider worker routes them) into the %s
    tiers (of %s), round-robin, keyed by request id, in due order; due times spread uniformly
    from %s to %s after production started. One retry worker (%d in flight, fetch max wait
    %s), instant OK provider.
  waiting = records not yet fired when the CPU sample began; held = of those, the records the
    worker had fetched and holds in memory (leadgen_retry_waiting_records); the rest stay in the
    log behind the paused partitions.
  cpu-while-waiting = process CPU (user+sys) / wall over %s, once the held count was steady
    (every tier partition paused at its head) and before the first record was due; it includes
    the in-process broker (kfake, cleanup every %s) and the bench's idle result reader.
  late-* = result fetched_at - leadgen.due.at as written (what the worker sees). fetched_at is
    timestamp-millis and the header has milliseconds, so lateness is in whole ms.
  early = lookup started (ns clock) or fetched_at before leadgen.due.at as written; must be 0.
  early-unrounded = lookup started before the due time the bench asked for, before the header
    rounded it up to the millisecond (route.FormatDue).
  fired = requests with a result; duplicates = lookups and results beyond one per request,
    counted until %s after the last result.
`, cfg.RetryRecords, tierList(cfg.RetryTiers[:min(2, len(cfg.RetryTiers))]), tierList(cfg.RetryTiers),
		cfg.RetryDueIn, cfg.RetryDueIn+cfg.RetryDueSpread, cfg.MaxInFlight, "250ms", cfg.RetryIdle, cfg.CleanupInterval, retryGrace)
}
