package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/schemas"
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
	var follow, changes bool
	var output, search string
	cmd := leaf("leads", "Show enriched leads: the latest version of each, or every version as it arrives with --follow; with --changes, what changed between versions", func(cmd *cobra.Command) error {
		if changes {
			return showChanges(cmd, &kf, follow, output, search)
		}
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
	cmd.Flags().BoolVar(&follow, "follow", false, "keep printing lead versions (or, with --changes, lead changes) as they arrive")
	cmd.Flags().BoolVar(&changes, "changes", false, "show the lead-changes topic instead: what changed between versions of a lead, one line per sentence (\"Jane Doe appointed director on 2026-12-01\"); every retained change, or with --follow each as it arrives; table, jsonl or json")
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

// changeWriter is a table or JSON-lines output of lead changes.
type changeWriter interface {
	Write(*schemas.LeadChange) error
}

func newChangeWriter(w io.Writer, format string) (changeWriter, error) {
	switch format {
	case "table":
		return leadview.NewChangeTable(w), nil
	case "jsonl", "json":
		return leadview.NewChangeJSON(w), nil
	case "csv":
		return nil, usagef("--output csv lists the people of the latest leads; it does not go with --changes (use table, jsonl or json)")
	}
	return nil, usagef("--output %q: want table, jsonl or json with --changes", format)
}

// showChanges prints the lead changes that match search: every retained
// one, read within --timeout, oldest first, or with follow each as it
// arrives until the command is stopped.
func showChanges(cmd *cobra.Command, kf *kafkaFlags, follow bool, output, search string) error {
	out, err := newChangeWriter(cmd.OutOrStdout(), output)
	if err != nil {
		return err
	}
	kc, err := kf.config("leadgen-leads")
	if err != nil {
		return err
	}
	topic := kf.names().LeadChanges()
	if follow {
		return followChanges(cmd.Context(), kc, topic, out, search)
	}
	var changes []*schemas.LeadChange
	err = kf.bounded(cmd.Context(), func(ctx context.Context) error {
		return leadview.ReadChanges(ctx, kc.Opts(), topic, false, func(c *schemas.LeadChange) {
			if leadview.ChangeMatches(c, search) {
				changes = append(changes, c)
			}
		})
	})
	if err != nil {
		return fmt.Errorf("read lead changes: %w", err)
	}
	for _, c := range leadview.Chronological(changes) {
		if err := out.Write(c); err != nil {
			return err
		}
	}
	return nil
}

// followChanges prints the changes that match search as they arrive until
// ctx ends or a write fails (a closed pipe).
func followChanges(ctx context.Context, kc kclient.Config, topic string, out changeWriter, search string) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var writeErr error
	err := leadview.ReadChanges(ctx, kc.Opts(), topic, true, func(c *schemas.LeadChange) {
		if writeErr == nil && leadview.ChangeMatches(c, search) {
			if writeErr = out.Write(c); writeErr != nil {
				stop()
			}
		}
	})
	if writeErr != nil {
		return writeErr
	}
	if err != nil {
		return fmt.Errorf("follow lead changes: %w", err)
	}
	return nil
}
