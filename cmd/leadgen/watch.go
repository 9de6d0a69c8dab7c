package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/leadgen/leadgen/processors/watch"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"
)

func newWatch() *cobra.Command {
	cmd := &cobra.Command{Use: "watch", Short: "Add, remove or list the companies whose Companies House events the watch role follows",
		Long: "The watchlist is the compacted watchlist topic, keyed by company number. The watch role\n" +
			"(run --roles watch) adds the company of every lead with a company number itself; these\n" +
			"commands add and remove companies by hand. A company removed while a lead still names it\n" +
			"is added again by that lead's next version."}
	cmd.AddCommand(newWatchEdit("add", "Watch companies: add their numbers to the watchlist"),
		newWatchEdit("remove", "Stop watching companies: tombstone their numbers on the watchlist"), newWatchList())
	return asGroup(cmd)
}

// newWatchEdit is watch add or watch remove.
func newWatchEdit(use, short string) *cobra.Command {
	var kf kafkaFlags
	cmd := &cobra.Command{Use: use + " NUMBER...", Short: short, Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			numbers, err := companyNumbers(args)
			if err != nil {
				return err
			}
			return withClient(cmd.Context(), &kf, "leadgen-watch-"+use, func(ctx context.Context, cl *kgo.Client) error {
				if use == "add" {
					return watch.Add(ctx, cl, kf.names(), schemas.WatchFromCLI, time.Now(), numbers...)
				}
				return watch.Remove(ctx, cl, kf.names(), numbers...)
			})
		}}
	kf.add(cmd, schemaregistry.WatchEntry)
	kf.addTimeout(cmd)
	return cmd
}

func newWatchList() *cobra.Command {
	var kf kafkaFlags
	run := func(ctx context.Context, work func(context.Context, *kgo.Client, topics.Names) error) error {
		return withClient(ctx, &kf, "leadgen-watch-list", func(ctx context.Context, cl *kgo.Client) error {
			return work(ctx, cl, kf.names())
		})
	}
	cmd := listLeaf("List the watched companies", run, watch.Watched, writeWatchJSON, writeWatchTable)
	kf.add(cmd)
	kf.addTimeout(cmd)
	return cmd
}

// companyNumbers normalises the numbers given, refusing any not in the
// register's form.
func companyNumbers(args []string) ([]string, error) {
	out := make([]string, len(args))
	for i, a := range args {
		n, ok := companynumber.Normalize(a)
		if !ok {
			return nil, usagef("%q is not a company number: want 8 digits, or 2 letters and 6 digits", a)
		}
		out[i] = n
	}
	return out, nil
}

// withClient runs work with a client of kf within its --timeout.
func withClient(ctx context.Context, kf *kafkaFlags, id string, work func(context.Context, *kgo.Client) error) error {
	cl, err := kf.client(id)
	if err != nil {
		return err
	}
	defer cl.Close()
	return kf.bounded(ctx, func(ctx context.Context) error { return work(ctx, cl) })
}

func writeWatchTable(w io.Writer, entries []schemas.WatchEntry) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COMPANY\tSOURCE\tLEAD\tADDED")
	for _, e := range entries {
		lead := ""
		if e.LeadKey != nil {
			lead = *e.LeadKey
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.CompanyNumber, e.Source, lead, e.AddedAt.UTC().Format(time.RFC3339))
	}
	return tw.Flush()
}

func writeWatchJSON(w io.Writer, entries []schemas.WatchEntry) error {
	enc := json.NewEncoder(w)
	for _, e := range entries {
		if err := enc.Encode(map[string]any{"company_number": e.CompanyNumber, "source": e.Source, "lead_key": e.LeadKey,
			"added_at": e.AddedAt.UTC().Format(time.RFC3339Nano)}); err != nil {
			return err
		}
	}
	return nil
}
