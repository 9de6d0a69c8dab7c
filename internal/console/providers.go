package console

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/leadgen/leadgen/internal/status"
	"github.com/twmb/franz-go/pkg/kgo"
)

type providerRow struct {
	healthlog.Snapshot
	Fresh   bool
	Verdict healthlog.Verdict
	// QuotaUse and RecentErrors are the snapshot's quota and error
	// classes in words.
	QuotaUse, RecentErrors string
}

// providersView is the providers page: every process's health, and the
// work waiting for each provider as `leadgen status` reports it.
type providersView struct {
	Health  []providerRow
	Columns []string
	Work    [][]string
	// WorkError says why the work table could not be read.
	WorkError string
}

// providers shows every process's latest health snapshot of every
// provider, read from the shared health topic, with the replay verdict
// dlq replay would reach, then each provider's backlog, quota and
// requests waiting in the aggregator (skipped with ?only=health, which the
// page asks for every few seconds: the backlogs cost more reads).
func (s *Server) providers(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.bounded(r)
	defer cancel()
	snaps, err := healthlog.Read(ctx, s.cfg.Opts, s.cfg.Names.ProviderHealth())
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, fmt.Errorf("read provider health: %w", err))
		return
	}
	now := time.Now()
	view := providersView{Health: make([]providerRow, len(snaps))}
	for i, sn := range snaps {
		view.Health[i] = providerRow{Snapshot: sn, Fresh: !now.After(sn.FreshUntil), Verdict: healthlog.Judge(snaps, sn.Name, now),
			QuotaUse: quotaText(sn.Quota, now), RecentErrors: errorsText(sn.Errors)}
	}
	slices.SortFunc(view.Health, func(a, b providerRow) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Instance, b.Instance))
	})
	if len(s.cfg.Status.Providers) > 0 && r.URL.Query().Get("only") != "health" {
		view.Columns = status.Columns
		if view.Work, err = s.work(r); err != nil {
			s.cfg.Logger.Warn("console: read provider backlogs", "err", err)
			view.WorkError = err.Error()
		}
	}
	s.render(w, "providers", page{Title: "Providers", Nav: "providers", Data: view})
}

// work reads each provider's backlog, quota and waiting requests.
func (s *Server) work(r *http.Request) ([][]string, error) {
	ctx, cancel := s.bounded(r)
	defer cancel()
	cl, err := kgo.NewClient(s.cfg.Opts...)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	defer cl.Close()
	cfg := s.cfg.Status
	cfg.Names = s.cfg.Names
	rows, err := status.Collect(ctx, cl, cfg)
	if err != nil {
		return nil, err
	}
	cells := make([][]string, len(rows))
	for i, row := range rows {
		cells[i] = row.Cells()
	}
	return cells, nil
}

// quotaText is a quota's use in words: "600/5m, 412 left until 10:02:00Z,
// 3 waiting (drain 2s)"; "-" for a provider no quota paces.
func quotaText(q *health.QuotaUse, now time.Time) string {
	if q == nil {
		return "-"
	}
	parts := []string{q.Limit}
	if q.Remaining != nil {
		parts = append(parts, fmt.Sprintf("%d left until %s", *q.Remaining, clock(q.Reset)))
	}
	if q.Waiting > 0 {
		parts = append(parts, fmt.Sprintf("%d waiting (drain %s)", q.Waiting, time.Duration(q.DrainSeconds*float64(time.Second)).Round(time.Second)))
	}
	if q.BlockedUntil.After(now) {
		parts = append(parts, "the API refuses calls until "+clock(q.BlockedUntil))
	}
	return strings.Join(parts, ", ")
}

func clock(t time.Time) string {
	if t.IsZero() {
		return "its reset"
	}
	return t.UTC().Format("15:04:05Z")
}

// errorsText lists error classes, the most frequent first: "transient 4,
// rate_limited 2"; "none" without any.
func errorsText(counts map[string]int) string {
	if len(counts) == 0 {
		return "none"
	}
	classes := slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	for i, c := range classes {
		classes[i] = fmt.Sprintf("%s %d", c, counts[c])
	}
	return strings.Join(classes, ", ")
}
