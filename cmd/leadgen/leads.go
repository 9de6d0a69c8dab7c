package main

import (
	"context"
	"io"
	"maps"
	"slices"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/spf13/cobra"
)

// leadWriter is a table or JSON-lines output.
type leadWriter interface{ Write(leadview.Event) error }

func newLeadWriter(w io.Writer, format string) (leadWriter, error) {
	switch format {
	case "table":
		return leadview.NewTable(w), nil
	case "jsonl", "json":
		return leadview.NewJSON(w), nil
	}
	return nil, usagef("--output %q: want table, jsonl, json or csv", format)
}

func newLeads() *cobra.Command {
	var kf kafkaFlags
	var follow bool
	var output, search string
	cmd := leaf("leads", "Show enriched leads: the latest version of each, or every version as it arrives with --follow", func(cmd *cobra.Command) error {
		if output == "csv" && follow {
			return usagef("--output csv lists the latest versions; it does not go with --follow")
		}
		var out leadWriter
		var err error
		if output != "csv" {
			if out, err = newLeadWriter(cmd.OutOrStdout(), output); err != nil {
				return err
			}
		}
		kc, err := kf.config("leadgen-leads")
		if err != nil {
			return err
		}
		topic := kf.names().Leads()
		if follow {
			return leadview.Read(cmd.Context(), kc.Opts(), topic, true, func(ev leadview.Event) {
				if ev.Lead == nil || leadview.Matches(ev.Lead, search) {
					_ = out.Write(ev)
				}
			})
		}
		latest, err := latestLeads(cmd.Context(), &kf, kc, topic)
		if err != nil {
			return err
		}
		if output == "csv" {
			return leadview.WriteCSV(cmd.OutOrStdout(), leadview.Search(leadview.Latest(latest), search))
		}
		for _, k := range slices.Sorted(maps.Keys(latest)) {
			if latest[k].Lead != nil && !leadview.Matches(latest[k].Lead, search) {
				continue
			}
			if err := out.Write(latest[k]); err != nil {
				return err
			}
		}
		return nil
	})
	kf.add(cmd)
	kf.addTimeout(cmd)
	cmd.Flags().BoolVar(&follow, "follow", false, "keep printing lead versions as they arrive")
	cmd.Flags().StringVar(&output, "output", "table", "output format: table, jsonl (one JSON object per lead version, the schema's field names, as Kafka Connect's JsonConverter writes them; json is the same), or csv (one row per person of the latest versions, newest first; as the console exports; see docs/LEADS.md)")
	cmd.Flags().StringVar(&search, "search", "", "only leads whose company name or number contains this text (any case)")
	return cmd
}

// latestLeads reads the leads topic to its end, within --timeout, and keeps
// the latest version of each lead; a tombstone removes its lead.
func latestLeads(ctx context.Context, kf *kafkaFlags, kc kclient.Config, topic string) (map[string]leadview.Event, error) {
	latest := map[string]leadview.Event{}
	err := kf.bounded(ctx, func(ctx context.Context) error {
		return leadview.Read(ctx, kc.Opts(), topic, false, func(ev leadview.Event) {
			if ev.Lead == nil {
				delete(latest, ev.Key)
				return
			}
			latest[ev.Key] = ev
		})
	})
	return latest, err
}
