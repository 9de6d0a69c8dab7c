package main

import (
	"context"
	"maps"
	"os"
	"slices"

	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/spf13/cobra"
)

// leadWriter is a table or JSON-lines output.
type leadWriter interface{ Write(leadview.Event) error }

func newLeadWriter(format string) (leadWriter, error) {
	switch format {
	case "table":
		return leadview.NewTable(os.Stdout), nil
	case "json":
		return leadview.NewJSON(os.Stdout), nil
	}
	return nil, usagef("--output %q: want table or json", format)
}

func newLeads() *cobra.Command {
	var kf kafkaFlags
	var follow bool
	var output string
	cmd := leaf("leads", "Show enriched leads: the latest version of each, or every version as it arrives with --follow", func(cmd *cobra.Command) error {
		kc, err := kf.config("leadgen-leads")
		if err != nil {
			return err
		}
		out, err := newLeadWriter(output)
		if err != nil {
			return err
		}
		topic := kf.names().Leads()
		if follow {
			return leadview.Read(cmd.Context(), kc.Opts(), topic, true, func(ev leadview.Event) { _ = out.Write(ev) })
		}
		latest := map[string]leadview.Event{}
		err = kf.bounded(cmd.Context(), func(ctx context.Context) error {
			return leadview.Read(ctx, kc.Opts(), topic, false, func(ev leadview.Event) {
				if ev.Lead == nil {
					delete(latest, ev.Key)
					return
				}
				latest[ev.Key] = ev
			})
		})
		if err != nil {
			return err
		}
		for _, k := range slices.Sorted(maps.Keys(latest)) {
			if err := out.Write(latest[k]); err != nil {
				return err
			}
		}
		return nil
	})
	kf.add(cmd)
	kf.addTimeout(cmd)
	cmd.Flags().BoolVar(&follow, "follow", false, "keep printing lead versions as they arrive")
	cmd.Flags().StringVar(&output, "output", "table", "output format: table or json (one object per line)")
	return cmd
}
