package status

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/topics"
)

// FormatQuota writes a quota the way --quota takes it, e.g. "600/5m";
// "none" when there is none.
func FormatQuota(q ratelimit.Quota) string {
	if q.Calls <= 0 || q.Period <= 0 {
		return "none"
	}
	return fmt.Sprintf("%d/%s", q.Calls, topics.FormatDelay(q.Period))
}

const day = 24 * time.Hour

// FormatETA writes an ETA for people: whole seconds, rounded up, under an
// hour ("12m30s"; "0s" only for no work at all), whole minutes under two days ("2h5m"), then days and hours
// ("16d3h"); "-" when unknown.
func FormatETA(d time.Duration, known bool) string {
	switch {
	case !known:
		return "-"
	case d < time.Hour:
		return (d + time.Second - 1).Truncate(time.Second).String()
	case d < 2*day:
		return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	}
	return fmt.Sprintf("%dd%dh", d/day, d%day/time.Hour)
}

// Columns are the status table's column names, in the order of Row.Cells.
var Columns = []string{"PROVIDER", "INPUT", "RETRY", "FALLBACK", "BACKLOG", "QUOTA", "CALLS/S", "CALLS/LEAD", "ETA", "WAITING", "OLDEST"}

// Cells is r as the status table shows it, one string per column.
func (r Row) Cells() []string {
	return []string{r.Provider, itoa(r.InputLag), itoa(r.RetryPending), itoa(r.FallbackPending), itoa(r.Backlog()),
		FormatQuota(r.Quota), perSecond(r), callsPerLead(r), FormatETA(r.ETA()),
		itoa(int64(r.Waiting)), FormatETA(r.OldestWaiting, r.Waiting > 0)}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// WriteTable writes the rows as an aligned table with a header line.
func WriteTable(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(Columns, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r.Cells(), "\t"))
	}
	return tw.Flush()
}

func perSecond(r Row) string {
	if !r.HasQuota() {
		return "-"
	}
	return strconv.FormatFloat(r.CallsPerSecond(), 'g', 3, 64)
}

func callsPerLead(r Row) string {
	if r.Sampled == 0 {
		return "-"
	}
	return strconv.FormatFloat(r.CallsPerLead, 'f', 2, 64)
}

// JSONRow is a row in machine form, as WriteJSON writes it. Unknown values
// are null; durations are seconds.
type JSONRow struct {
	Provider        string     `json:"provider"`
	InputLag        int64      `json:"input_lag"`
	RetryPending    int64      `json:"retry_pending"`
	FallbackPending int64      `json:"fallback_pending"`
	Backlog         int64      `json:"backlog"`
	Quota           *JSONQuota `json:"quota"`
	CallsPerLead    *float64   `json:"calls_per_lead"`
	Sampled         int        `json:"sampled_results"`
	ETASeconds      *float64   `json:"eta_seconds"`
	// Waiting is the requests the aggregator holds for the provider;
	// OldestWaitingSeconds is null when none waits.
	Waiting              int      `json:"aggregator_waiting"`
	OldestWaitingSeconds *float64 `json:"oldest_waiting_seconds"`
}

// JSONQuota is a quota in machine form.
type JSONQuota struct {
	Calls          int     `json:"calls"`
	PeriodSeconds  float64 `json:"period_seconds"`
	CallsPerSecond float64 `json:"calls_per_second"`
}

// JSON is r in machine form.
func (r Row) JSON() JSONRow {
	j := JSONRow{Provider: r.Provider, InputLag: r.InputLag, RetryPending: r.RetryPending,
		FallbackPending: r.FallbackPending, Backlog: r.Backlog(), Sampled: r.Sampled, Waiting: r.Waiting}
	if r.HasQuota() {
		j.Quota = &JSONQuota{Calls: r.Quota.Calls, PeriodSeconds: r.Quota.Period.Seconds(), CallsPerSecond: r.CallsPerSecond()}
	}
	if r.Sampled > 0 {
		j.CallsPerLead = &r.CallsPerLead
	}
	if eta, ok := r.ETA(); ok {
		s := eta.Seconds()
		j.ETASeconds = &s
	}
	if r.Waiting > 0 {
		s := r.OldestWaiting.Seconds()
		j.OldestWaitingSeconds = &s
	}
	return j
}

// WriteJSON writes the rows as JSON lines: one JSONRow object per line,
// in row order, so a program can stream them like `leadgen leads`.
func WriteJSON(w io.Writer, rows []Row) error {
	enc := json.NewEncoder(w)
	for _, r := range rows {
		if err := enc.Encode(r.JSON()); err != nil {
			return fmt.Errorf("write status of %s: %w", r.Provider, err)
		}
	}
	return nil
}
