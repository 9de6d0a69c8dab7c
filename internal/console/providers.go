package console

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/healthlog"
)

type providerRow struct {
	healthlog.Snapshot
	Fresh   bool
	Verdict healthlog.Verdict
}

// providers shows every process's latest health snapshot of every
// provider, read from the shared health topic, with the replay verdict
// dlq replay would reach.
func (s *Server) providers(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.bounded(r)
	defer cancel()
	snaps, err := healthlog.Read(ctx, s.cfg.Opts, s.cfg.Names.ProviderHealth())
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, fmt.Errorf("read provider health: %w", err))
		return
	}
	now := time.Now()
	rows := make([]providerRow, len(snaps))
	for i, sn := range snaps {
		rows[i] = providerRow{Snapshot: sn, Fresh: !now.After(sn.FreshUntil), Verdict: healthlog.Judge(snaps, sn.Name, now)}
	}
	slices.SortFunc(rows, func(a, b providerRow) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Instance, b.Instance))
	})
	s.render(w, "providers", page{Title: "Providers", Nav: "providers", Data: rows})
}
