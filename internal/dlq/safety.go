package dlq

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/healthlog"
)

// Replayable names the providers a replay with c would send letters to,
// sorted.
func Replayable(letters []Letter, c ReplayConfig) []string {
	c.setDefaults()
	var out []string
	for _, l := range letters {
		if d := Decide(l, c, c.Now()); d.Record != nil && !slices.Contains(out, l.Provider) {
			out = append(out, l.Provider)
		}
	}
	slices.Sort(out)
	return out
}

// Guard checks the providers' shared health (internal/healthlog) before a
// replay: a provider whose breaker is open, or that is UNHEALTHY, would
// only dead-letter its replays again.
type Guard struct {
	// Read returns the latest health snapshots.
	Read func(context.Context) ([]healthlog.Snapshot, error)
	// Now is the clock (default time.Now); Poll how often Wait reads
	// again (default 2s); Progress receives Wait's reports (default none).
	Now      func() time.Time
	Poll     time.Duration
	Progress io.Writer
}

func (g *Guard) setDefaults() {
	if g.Now == nil {
		g.Now = time.Now
	}
	if g.Poll <= 0 {
		g.Poll = 2 * time.Second
	}
	if g.Progress == nil {
		g.Progress = io.Discard
	}
}

// Check returns the verdicts of providers, unfit ones first.
func (g Guard) Check(ctx context.Context, providers []string) ([]healthlog.Verdict, error) {
	g.setDefaults()
	snaps, err := g.Read(ctx)
	if err != nil {
		return nil, fmt.Errorf("read provider health: %w", err)
	}
	out := make([]healthlog.Verdict, len(providers))
	for i, p := range providers {
		out[i] = healthlog.Judge(snaps, p, g.Now())
	}
	slices.SortStableFunc(out, func(a, b healthlog.Verdict) int {
		if a.Unfit == b.Unfit {
			return 0
		}
		if a.Unfit {
			return -1
		}
		return 1
	})
	return out, nil
}

// Wait reads the providers' health every Poll until none is unfit, and
// reports each unfit provider on Progress as it waits; it returns ctx's
// error if they do not recover in time.
func (g Guard) Wait(ctx context.Context, providers []string) error {
	g.setDefaults()
	start := g.Now()
	tick := time.NewTicker(g.Poll)
	defer tick.Stop()
	for {
		verdicts, err := g.Check(ctx, providers)
		if err != nil {
			return err
		}
		unfit := Unfit(verdicts)
		if len(unfit) == 0 {
			fmt.Fprintf(g.Progress, "providers healthy after %s: %s\n", g.Now().Sub(start).Round(time.Second), strings.Join(providers, ", "))
			return nil
		}
		fmt.Fprintf(g.Progress, "waiting %s: %s\n", g.Now().Sub(start).Round(time.Second), Reasons(unfit))
		select {
		case <-ctx.Done():
			return fmt.Errorf("providers still unfit for a replay: %s: %w", Reasons(unfit), ctx.Err())
		case <-tick.C:
		}
	}
}

// Unfit keeps the verdicts against a replay.
func Unfit(vs []healthlog.Verdict) []healthlog.Verdict {
	return slices.DeleteFunc(slices.Clone(vs), func(v healthlog.Verdict) bool { return !v.Unfit })
}

// Reasons joins verdicts as "facebook: its breaker is open on w-1 (...)".
func Reasons(vs []healthlog.Verdict) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Provider + ": " + v.Reason
	}
	return strings.Join(parts, "; ")
}
