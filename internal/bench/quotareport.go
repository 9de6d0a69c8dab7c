package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// reportQuota writes the quota table, its verdicts and notes.
func reportQuota(w io.Writer, cfg *Config, results []QuotaResult) error {
	return writeTable(w, "scenario\trequests\tleads\tcomplete\tcalls\t429s\tmost-in-window\tdead-letters\tcalls/lead\tdrain\tideal\tdrain/ideal\tquota-used\tcpu-while-waiting\t",
		results, quotaRow, concat(results, quotaVerdict)+quotaNotes(cfg))
}

func quotaRow(r QuotaResult) string {
	cells := []string{r.Name, fmt.Sprint(r.Requests), fmt.Sprint(r.Leads), fmt.Sprint(r.Complete),
		fmt.Sprint(r.Calls), fmt.Sprint(r.RateLimited), fmt.Sprintf("%d/%d", r.MostInWindow, r.Quota.Calls),
		fmt.Sprint(r.DeadLetters), fmt.Sprintf("%.2f", r.CallsPerLead()), seconds(r.Drain), seconds(r.Ideal()),
		fmt.Sprintf("%.3f", r.DrainRatio()), fmt.Sprintf("%.1f%%", 100*r.Used()), fmt.Sprintf("%.1f%%", r.CPUPercent()), statusCell(r.Err)}
	return strings.Join(cells, "\t")
}

// seconds formats a drain time to a tenth of a second.
func seconds(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// quotaVerdict states DESIGN §13's quota targets for one run: the
// invariants (never over the quota, nothing dead-lettered) PASS or FAIL,
// the measurements (quota used, drain time) PASS or MISS.
func quotaVerdict(r QuotaResult) string {
	if r.Err != nil {
		return fmt.Sprintf("%s: incomplete, no verdict\n", r.Name)
	}
	return fmt.Sprintf("%s: quota used %.1f%% (target ≥ %.0f%%) %s   over quota %d (target 0) %s   dead letters %d (target 0) %s   drain %s vs ideal %s: %.3fx (target ≤ %.2fx) %s\n",
		r.Name, 100*r.Used(), 100*TargetQuotaUsed, verdict(r.Used() >= TargetQuotaUsed),
		r.OverQuota(), verdictStrict(r.OverQuota() == 0), r.DeadLetters, verdictStrict(r.DeadLetters == 0),
		seconds(r.Drain), seconds(r.Ideal()), r.DrainRatio(), TargetDrainRatio, verdict(r.DrainRatio() <= TargetDrainRatio))
}

func quotaNotes(cfg *Config) string {
	q := cfg.quota()
	return fmt.Sprintf(`notes (quota):
  %d requests produced before the pipeline starts (a backlog), half by company number (3 calls:
    profile, officers, PSCs), half by name alone (a search first: 4 calls), over the sandbox's
    companies; no result cache (every request calls the API). The sandbox enforces %d calls per
    %s as a fixed window per API key (from the key's first call; 429 beyond), answers after %s,
    injects no faults; leadgen is told the same quota and runs the companies_house worker (%d in
    flight) and the aggregator with the client of leadgen run: quota gate, breaker, limiter.
  calls = API calls that reached the sandbox; 429s = of those, answered 429 (leadgen's
    leadgen_quota_api_calls_total{outcome="rate_limited"}); most-in-window = most calls in any
    %s (sliding, stricter than the API's fixed window), over the quota.
  leads = requests with a lead (enriched-leads, read_committed); complete = of those, with
    Companies House's data; dead-letters = records in company-requests.dlq.
  drain = first API call to last; ideal = calls / %.0f calls/s; quota-used = calls / (%.0f calls/s
    x drain) = ideal / drain.
  cpu-while-waiting = process CPU (user+sys) / wall from the pipeline's start to the last lead,
    in %% of one core; it includes the in-process broker and the sandbox.
`, cfg.QuotaRequests, q.Calls, q.Period, cfg.QuotaLatency, cfg.MaxInFlight, q.Period, q.PerSecond(), q.PerSecond())
}
