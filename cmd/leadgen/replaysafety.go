package main

import (
	"context"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/spf13/cobra"
)

// replaySafety are the flags that decide whether `dlq replay` goes ahead
// while a provider is unfit.
type replaySafety struct {
	force       bool
	waitHealthy bool
	waitTimeout time.Duration
}

func (s *replaySafety) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&s.force, "force", false, "replay even when a provider's breaker is open or it is UNHEALTHY, and replay parked, replayed or resolved letters too")
	f.BoolVar(&s.waitHealthy, "wait-healthy", false, "wait for unfit providers to recover (breaker closed, not UNHEALTHY) before replaying")
	f.DurationVar(&s.waitTimeout, "wait-timeout", 10*time.Minute, "how long --wait-healthy waits before giving up")
}

// check reads the health every worker shares and refuses (exit 2) to
// replay to an unfit provider, unless --force, or waits with
// --wait-healthy. A dry run only says what a replay would meet.
func (s replaySafety) check(cmd *cobra.Command, guard dlq.Guard, providers []string, dryRun bool) error {
	if len(providers) == 0 {
		return nil
	}
	verdicts, err := guard.Check(cmd.Context(), providers)
	if err != nil {
		return err
	}
	for _, v := range verdicts {
		if !v.Unfit && v.Reporting == 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "note: %s: %s; its replays wait in its retry topic until a worker runs\n", v.Provider, v.Reason)
		}
	}
	unfit := dlq.Unfit(verdicts)
	switch {
	case len(unfit) == 0:
		return nil
	case dryRun:
		fmt.Fprintf(cmd.ErrOrStderr(), "note: a replay now would be refused: %s\n", dlq.Reasons(unfit))
		return nil
	case s.force:
		fmt.Fprintf(cmd.ErrOrStderr(), "replaying anyway (--force): %s\n", dlq.Reasons(unfit))
		return nil
	case !s.waitHealthy:
		return usagef("refusing to replay: %s. The replays would only be dead-lettered again; "+
			"fix the provider, or wait for it with --wait-healthy, or replay anyway with --force", dlq.Reasons(unfit))
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), s.waitTimeout)
	defer cancel()
	if err := guard.Wait(ctx, providers); err != nil {
		return fmt.Errorf("--wait-healthy gave up after %s: %w", s.waitTimeout, err)
	}
	return nil
}
