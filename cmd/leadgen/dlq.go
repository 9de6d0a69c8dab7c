package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"
)

func newDLQ() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dlq",
		Short: "Inspect and replay the dead-letter topic",
		Long: "Reads company-requests.dlq from its start to the end it has when the command\n" +
			"starts. Every subcommand takes the same filters (--provider, --error-class,\n" +
			"--since, --until, --key, --partition with --from-offset/--to-offset).",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newDLQList(), newDLQShow(), newDLQReplay())
	return asGroup(cmd)
}

func newDLQList() *cobra.Command {
	df := dlqFlags{defaultState: string(letterstate.Open)}
	cmd := outputLeaf("list", "Count dead letters by provider and error class, with the oldest and newest first failure", func(cmd *cobra.Command, format dlq.Format) error {
		var tally dlq.Tally
		if err := df.read(cmd.Context(), tally.Add); err != nil {
			return err
		}
		groups := tally.Groups()
		if len(groups) == 0 && format == dlq.Table {
			fmt.Fprintf(cmd.OutOrStdout(), "no dead letters in %s match\n", df.kf.names().DLQ())
			return nil
		}
		return dlq.WriteGroups(cmd.OutOrStdout(), groups, format)
	})
	df.add(cmd)
	return cmd
}

func newDLQShow() *cobra.Command {
	df := dlqFlags{defaultState: "all"}
	var limit int
	cmd := outputLeaf("show", "Show dead letters with their decoded values and every header", func(cmd *cobra.Command, format dlq.Format) error {
		if limit < 0 {
			return usagef("--limit %d: want 0 (no limit) or more", limit)
		}
		sample := dlq.Sample{Limit: limit}
		if err := df.read(cmd.Context(), sample.Add); err != nil {
			return err
		}
		shown := sample.Letters()
		if len(shown) < sample.Total {
			fmt.Fprintf(cmd.ErrOrStderr(), "showing %d of %d matching dead letters (--limit)\n", len(shown), sample.Total)
		}
		return dlq.WriteLetters(cmd.OutOrStdout(), shown, format)
	})
	cmd.Long = "Shows the first --limit matching dead letters by partition and offset. A value\n" +
		"that decodes is shown as its schema's JSON view: every field of the .avsc under\n" +
		"its name, arrays never null, timestamps in milliseconds since the epoch, as\n" +
		"leads --output jsonl writes leads. A value that does not decode is shown as\n" +
		"\"undecodable: <class>: <error>\" with its first 64 bytes, escaped and in hex."
	df.add(cmd)
	cmd.Flags().IntVar(&limit, "limit", 20, "show at most this many dead letters (0: all)")
	return cmd
}

func newDLQReplay() *cobra.Command {
	df := dlqFlags{defaultState: "all"}
	var tiers string
	var dryRun bool
	var output string
	var safety replaySafety
	cmd := leaf("replay", "Send matching dead letters back to their provider's first retry tier", func(cmd *cobra.Command) error {
		parsed, err := topics.ParseTiers(tiers)
		if err != nil {
			return usageError{err}
		}
		format, err := outputFormat(output)
		if err != nil {
			return err
		}
		rc := dlq.ReplayConfig{Names: df.kf.names(), FirstTier: parsed[0], DryRun: dryRun, Force: safety.force,
			Out: cmd.OutOrStdout(), Progress: cmd.ErrOrStderr()}
		if format == dlq.JSON {
			rc.Out = cmd.ErrOrStderr()
		}
		return df.replay(cmd, rc, safety, format)
	})
	cmd.Long = "Produces a copy of each matching dead letter to\n" +
		"company-requests.retry.<provider>.<first tier>, due at once, with\n" +
		"leadgen.replay.count one higher; only that provider runs it again. The dead\n" +
		"letters stay in place: the topic is an audit log, and a replay that fails\n" +
		"again comes back with its replay count.\n\n" +
		"Skipped: letters whose value still does not decode as a CompanyRequest, and\n" +
		"letters of the aggregator (discovery results) or of no provider.\n\n" +
		"Replaying the same range twice is safe: the aggregator treats a replayed\n" +
		"result as a late result and emits a new lead version only when the content\n" +
		"changes.\n\n" +
		"The last line sums it up: \"replayed N, skipped M\", or on a dry run \"would\n" +
		"replay N, would skip M\". --output json writes that summary as one JSON object\n" +
		"on stdout instead, and the line per letter on stderr."
	df.add(cmd)
	cmd.Flags().StringVar(&output, "output", "table", "summary format: table (a line) or json (one object on stdout; the line per letter goes to stderr)")
	cmd.Flags().StringVar(&tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated; replays go to the first")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be replayed and produce nothing")
	safety.add(cmd)
	return cmd
}

// dlqFlags are the connection and filter flags of every dlq subcommand.
type dlqFlags struct {
	kf                                 kafkaFlags
	provider, class, since, until, key string
	partition                          int32
	from, to                           int64
	// state is --state; defaultState its default for the subcommand.
	state, defaultState string
	parkAfter           int
}

func (d *dlqFlags) add(cmd *cobra.Command) {
	d.kf.add(cmd)
	d.kf.addTimeout(cmd)
	f := cmd.Flags()
	f.StringVar(&d.provider, "provider", "", "only dead letters of this provider ("+strings.Join(topics.Providers, ", ")+", "+dlq.Aggregator+
		", or "+dlq.Input+" for requests that never decoded)")
	f.StringVar(&d.state, "state", d.defaultState, "only dead letters in these states, comma-separated: all, or "+stateList())
	f.IntVar(&d.parkAfter, "park-after", dlq.DefaultParkAfter, "replays a lineage gets before a letter that fails again is parked")
	f.StringVar(&d.class, "error-class", "", "only this error class ("+classList()+")")
	f.StringVar(&d.since, "since", "", "only dead letters that first failed at or after this time: RFC 3339, or a duration ago such as 2h")
	f.StringVar(&d.until, "until", "", "only dead letters that first failed before this time: RFC 3339, or a duration ago such as 30m")
	f.StringVar(&d.key, "key", "", "only dead letters with this record key (the request id)")
	f.Int32Var(&d.partition, "partition", -1, "only this dlq partition (-1: every partition)")
	f.Int64Var(&d.from, "from-offset", -1, "first dlq offset to include (needs --partition; -1: from the start)")
	f.Int64Var(&d.to, "to-offset", -1, "last dlq offset to include (needs --partition; -1: to the end)")
}

func stateList() string {
	s := make([]string, len(letterstate.States))
	for i, st := range letterstate.States {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

// states parses --state: nil for all.
func (d *dlqFlags) states() ([]letterstate.State, error) {
	if d.state == "all" || d.state == "" {
		return nil, nil
	}
	var out []letterstate.State
	for _, s := range strings.Split(d.state, ",") {
		st, err := letterstate.ParseState(strings.TrimSpace(s))
		if err != nil {
			return nil, usagef("--state %v", err)
		}
		out = append(out, st)
	}
	return out, nil
}

func classList() string {
	s := make([]string, len(dlq.Classes))
	for i, c := range dlq.Classes {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// filter turns the flags into a dlq filter; bad values are usage errors.
func (d *dlqFlags) filter(now time.Time) (dlq.Filter, error) {
	f := dlq.All()
	f.Provider, f.Class, f.Key = d.provider, failure.Class(d.class), d.key
	f.Partition, f.FromOffset, f.ToOffset = d.partition, d.from, d.to
	var err error
	if f.Since, err = parseWhen("since", d.since, now); err != nil {
		return f, err
	}
	if f.Until, err = parseWhen("until", d.until, now); err != nil {
		return f, err
	}
	if err := f.Validate(); err != nil {
		return f, usageError{err}
	}
	return f, nil
}

func parseWhen(flag, s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := dlq.ParseTime(s, now)
	if err != nil {
		return t, usagef("--%s %v", flag, err)
	}
	return t, nil
}

// prepare checks the filter, state and connection flags before any
// Kafka work.
func (d *dlqFlags) prepare() (dlq.Filter, kclient.Config, []letterstate.State, error) {
	f, err := d.filter(time.Now())
	if err != nil {
		return f, kclient.Config{}, nil, err
	}
	only, err := d.states()
	if err != nil {
		return f, kclient.Config{}, nil, err
	}
	kc, err := d.kf.config("leadgen-dlq")
	return f, kc, only, err
}

// read calls fn with every matching dead letter in the --state states,
// annotated with its lifecycle, within --timeout.
func (d *dlqFlags) read(ctx context.Context, fn func(dlq.Letter)) error {
	f, kc, only, err := d.prepare()
	if err != nil {
		return err
	}
	return d.kf.bounded(ctx, func(ctx context.Context) error {
		_, err := d.readIn(ctx, kc, f, only, fn)
		return err
	})
}

// readIn reads the lifecycle book, then calls fn with every letter f
// matches in the states only (all when empty), and returns the book.
func (d *dlqFlags) readIn(ctx context.Context, kc kclient.Config, f dlq.Filter, only []letterstate.State, fn func(dlq.Letter)) (*dlq.Book, error) {
	book, err := dlq.ReadBook(ctx, kc.Opts(), d.kf.names(), d.parkAfter)
	if err != nil {
		return nil, err
	}
	return book, dlq.Read(ctx, kc.Opts(), d.kf.names().DLQ(), f, func(l dlq.Letter) bool {
		if book.Annotate(&l, only) {
			fn(l)
		}
		return true
	})
}

// replay reads the matching dead letters, then replays them, all within
// --timeout, and prints the summary line even when some replays failed.
func (d *dlqFlags) replay(cmd *cobra.Command, rc dlq.ReplayConfig, safety replaySafety, format dlq.Format) error {
	f, kc, only, err := d.prepare()
	if err != nil {
		return err
	}
	var letters []dlq.Letter
	err = d.kf.bounded(cmd.Context(), func(ctx context.Context) error {
		book, err := d.readIn(ctx, kc, f, only, func(l dlq.Letter) { letters = append(letters, l) })
		rc.Book = book
		return err
	})
	if err != nil {
		return err
	}
	guard := dlq.Guard{Progress: cmd.ErrOrStderr(), Read: func(ctx context.Context) ([]healthlog.Snapshot, error) {
		var snaps []healthlog.Snapshot
		err := d.kf.bounded(ctx, func(ctx context.Context) (err error) {
			snaps, err = healthlog.Read(ctx, kc.Opts(), rc.Names.ProviderHealth())
			return err
		})
		return snaps, err
	}}
	if err := safety.check(cmd, guard, dlq.Replayable(letters, rc), rc.DryRun); err != nil {
		return err
	}
	return d.kf.bounded(cmd.Context(), func(ctx context.Context) error {
		var cl *kgo.Client
		if !rc.DryRun {
			if cl, err = kclient.New(kc); err != nil {
				return err
			}
			defer cl.Close()
		}
		sum, err := dlq.Replay(ctx, cl, letters, rc)
		return errors.Join(err, writeSummary(cmd.OutOrStdout(), sum, format))
	})
}

// writeSummary writes a replay's summary: its line, or a JSON object.
func writeSummary(w io.Writer, sum dlq.Summary, format dlq.Format) error {
	if format == dlq.JSON {
		if err := json.NewEncoder(w).Encode(sum); err != nil {
			return fmt.Errorf("write replay summary: %w", err)
		}
		return nil
	}
	_, err := fmt.Fprintln(w, sum)
	return err
}

func outputFormat(s string) (dlq.Format, error) {
	f, err := dlq.ParseFormat(s)
	if err != nil {
		return f, usagef("--%v", err)
	}
	return f, nil
}

// listLeaf is the list command of a group: an outputLeaf that fetches
// items with a client, within run, and writes them as JSON lines with
// --output json and as a table otherwise. A is what run hands fetch
// besides the client.
func listLeaf[T, A any](short string, run func(context.Context, func(context.Context, *kgo.Client, A) error) error,
	fetch func(context.Context, *kgo.Client, A) ([]T, error), asJSON, asTable func(io.Writer, []T) error) *cobra.Command {
	return outputLeaf("list", short, func(cmd *cobra.Command, format dlq.Format) error {
		var items []T
		err := run(cmd.Context(), func(ctx context.Context, cl *kgo.Client, a A) (err error) {
			items, err = fetch(ctx, cl, a)
			return err
		})
		if err != nil {
			return err
		}
		if format == dlq.JSON {
			return asJSON(cmd.OutOrStdout(), items)
		}
		return asTable(cmd.OutOrStdout(), items)
	})
}

// outputLeaf is leaf with an --output flag: run gets the format it names.
func outputLeaf(use, short string, run func(cmd *cobra.Command, format dlq.Format) error) *cobra.Command {
	var output string
	cmd := leaf(use, short, func(cmd *cobra.Command) error {
		format, err := outputFormat(output)
		if err != nil {
			return err
		}
		return run(cmd, format)
	})
	cmd.Flags().StringVar(&output, "output", "table", "output format: table or json (one object per line)")
	return cmd
}
