package bench

import (
	"fmt"
	"io"
	"strings"
)

// The state scenario's targets (issue: aggregator state off the heap).
const (
	// TargetStateRSSGrowth bounds the last RSS sample against the first.
	TargetStateRSSGrowth = 1.20
	// TargetStateRSS bounds the last RSS sample.
	TargetStateRSS = 300 << 20
	// TargetStateThroughput is the least share of the in-memory store's
	// throughput the store on disk keeps.
	TargetStateThroughput = 0.80
)

// reportState writes the state table, the RSS samples, the restores and
// the verdicts.
func reportState(w io.Writer, results []StateResult) error {
	text := stateSamples(results) + stateVerdict(results) + stateNotes
	return writeTable(w, "scenario\trequests\tresults\tresults/s\tdisk/request\tlast-rss\trestore\treplayed\treplayed-MiB\ts/GiB\t", results, stateRow, text)
}

func stateRow(r StateResult) string {
	cells := []string{"state " + r.Name, fmt.Sprint(r.Requests), fmt.Sprint(r.Requests * r.Providers), fmt.Sprintf("%.0f", r.ResultsPerSecond()),
		perRequest(r), lastRSS(r), "-", "-", "-", "-", statusCell(r.Err)}
	rows := []string{strings.Join(cells, "\t")}
	for _, x := range r.Restores {
		rows = append(rows, strings.Join([]string{"  restore: " + x.Name, "", "", "", "", "", dur(x.Took), fmt.Sprint(x.Replayed),
			fmt.Sprintf("%.1f", float64(x.Bytes)/(1<<20)), secondsPerGiB(x), ""}, "\t"))
	}
	return strings.Join(rows, "\n")
}

func perRequest(r StateResult) string {
	if r.DiskBytes == 0 || r.Requests == 0 {
		return "-"
	}
	return fmt.Sprintf("%dB", r.DiskBytes/int64(r.Requests))
}

func lastRSS(r StateResult) string {
	if len(r.RSS) == 0 {
		return "-"
	}
	return mib(r.RSS[len(r.RSS)-1].RSS)
}

func secondsPerGiB(x Restore) string {
	if x.Bytes < 1<<20 {
		return "-"
	}
	return fmt.Sprintf("%.1f", x.Took.Seconds()/(float64(x.Bytes)/(1<<30)))
}

// stateSamples lists each run's RSS samples.
func stateSamples(results []StateResult) string {
	var b strings.Builder
	for _, r := range results {
		fmt.Fprintf(&b, "rss (%s):", r.Name)
		for _, s := range r.RSS {
			fmt.Fprintf(&b, " %dk=%s", s.Requests/1000, mib(s.RSS))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// stateVerdict states the targets: RSS flat and under the bound on disk,
// and the throughput on disk against the store in memory.
func stateVerdict(results []StateResult) string {
	var mem, disk *StateResult
	for i := range results {
		if results[i].Err != nil {
			return "state: incomplete, no verdict\n"
		}
		if i == 0 {
			mem = &results[i]
		} else {
			disk = &results[i]
		}
	}
	if mem == nil || disk == nil || len(disk.RSS) == 0 {
		return "state: incomplete, no verdict\n"
	}
	first, last := disk.RSS[0].RSS, disk.RSS[len(disk.RSS)-1].RSS
	growth := float64(last) / float64(first)
	share := disk.ResultsPerSecond() / mem.ResultsPerSecond()
	return fmt.Sprintf("state: rss at %dk %s, at %dk %s: %.2fx (target ≤ %.2fx) %s, under %s %s   throughput on disk %.0f%% of in memory (target ≥ %.0f%%) %s\n",
		disk.RSS[0].Requests/1000, mib(first), disk.RSS[len(disk.RSS)-1].Requests/1000, mib(last), growth, TargetStateRSSGrowth,
		verdict(growth <= TargetStateRSSGrowth), mib(TargetStateRSS), verdict(last < TargetStateRSS), 100*share, 100*TargetStateThroughput,
		verdict(share >= TargetStateThroughput))
}

const stateNotes = `notes (state):
  the aggregator alone (both stages) joins results produced straight to discovery-results, five per
    request (companies_house, x, linkedin, facebook, website, three people each), every request a
    company of its own, retention 7 days; the aggregator is a leadgen run --roles aggregator
    process of its own, and so is the broker (leadgen broker), every topic capped at --max-partition-bytes per partition, compacted ones
    included (in memory it keeps no more).
  store in memory = --state-dir memory with an unbounded cache: the state never leaves the heap;
    store on disk = a state dir with --state-cache-bytes (default the aggregator's own).
  results/s = results joined / (first produced to last committed); disk/request = the state dir's
    bytes after the run / requests; rss = the aggregator process's resident set (not the bench's
    producer, nor the broker) each time another --state-sample-every requests were committed.
  restore = the restore's time after a clean restart, and after the state dir was deleted (a
    rebuild from what the capped changelogs still hold); replayed = changelog records replayed.
`
