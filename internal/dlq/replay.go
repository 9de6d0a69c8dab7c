package dlq

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/progress"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// progressAbove is how many replays it takes to show a progress bar; a
// handful finish before a bar would be read.
const progressAbove = 20

// ReplayConfig says where replays go and what is reported.
type ReplayConfig struct {
	// Names builds the retry topic names.
	Names topics.Names
	// FirstTier is the provider's first retry delay (default
	// topics.DefaultTiers[0]): a replay goes to Names.Retry(provider,
	// FirstTier), the one retry topic every provider worker consumes,
	// and is due at once.
	FirstTier time.Duration
	// DryRun reports what would be replayed and produces nothing.
	DryRun bool
	// Now stamps the replays (default time.Now).
	Now func() time.Time
	// Out receives a line per letter (default io.Discard).
	Out io.Writer
	// Progress receives a progress bar when more than 20 records are
	// produced: redrawn in place on a terminal, one summary line at the
	// end on anything else (default none).
	Progress io.Writer
	// Book says where each letter stands (default: every letter open and
	// the only one of its lineage). Only open letters are replayed.
	Book *Book
	// Force replays parked letters, and letters replayed or resolved
	// already, too.
	Force bool
	// ID names this replay run in the records and the state topic
	// (default: one made from the time and random bits).
	ID string
}

func (c *ReplayConfig) setDefaults() {
	if c.FirstTier == 0 {
		c.FirstTier = topics.DefaultTiers[0]
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Out == nil {
		c.Out = io.Discard
	}
	if c.Progress == nil {
		c.Progress = io.Discard
	}
	if c.Book == nil {
		c.Book = NewBook(0)
	}
	if c.ID == "" {
		c.ID = NewReplayID(c.Now())
	}
}

// NewReplayID names a replay run: its UTC time and four random bytes, so
// ids sort by time and two runs in one second differ.
func NewReplayID(now time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%x", now.UTC().Format("20060102T150405Z"), b)
}

// Summary counts what a replay did, or on a dry run would do.
// Undecodable letters are among the Skipped.
type Summary struct {
	Replayed    int  `json:"replayed"`
	Skipped     int  `json:"skipped"`
	Undecodable int  `json:"still_undecodable"`
	DryRun      bool `json:"dry_run"`
	// ReplayID names the run in the replays' records and the state topic.
	ReplayID string `json:"replay_id"`
}

// String is the summary line: "replayed 3, skipped 2", or on a dry run
// "would replay 3, would skip 2"; "(still undecodable 1)" follows when
// any skipped letter still does not decode.
func (s Summary) String() string {
	line := fmt.Sprintf("replayed %d, skipped %d", s.Replayed, s.Skipped)
	if s.DryRun {
		line = fmt.Sprintf("would replay %d, would skip %d", s.Replayed, s.Skipped)
	}
	if s.Undecodable > 0 {
		line += fmt.Sprintf(" (still undecodable %d)", s.Undecodable)
	}
	return line
}

// A Decision is what replay does with one letter: produce Record, or skip
// it for Reason.
type Decision struct {
	Letter Letter
	// Status is where the letter stood when the decision was made.
	Status Status
	// Record is the copy bound for the provider's first retry tier; nil
	// when the letter is skipped.
	Record *kgo.Record
	// Reason says why the letter is skipped.
	Reason string
	// Undecodable marks a skip because the value is still not a
	// CompanyRequest.
	Undecodable bool
}

// Decide chooses what to do with l. Only a letter from a known provider
// whose value decodes as a CompanyRequest within the input limits is
// replayed: the aggregator's letters are discovery results, which no retry
// topic takes, and undecodable bytes or an invalid request would only be
// dead-lettered again. Of those, only open letters are replayed unless
// c.Force: a letter replayed and not yet answered, resolved, or parked
// after c.Book's replay limit is left, and a re-failed letter never goes
// (its newer letter carries its lineage on).
func Decide(l Letter, c ReplayConfig, now time.Time) Decision {
	c.setDefaults()
	d := Decision{Letter: l, Status: c.Book.Status(l)}
	if d.Reason, d.Undecodable = unreplayable(l); d.Reason != "" {
		return d
	}
	if d.Reason = held(d.Status, c.Force); d.Reason != "" {
		return d
	}
	d.Record = route.Replay(l.record(), c.Names.Retry(l.Provider, c.FirstTier), now, c.ID)
	return d
}

// unreplayable says why l can never be replayed, and whether it is
// because its value is still undecodable; "" when it can.
func unreplayable(l Letter) (string, bool) {
	switch {
	case l.Provider == "":
		return "skipped: no leadgen.provider header, so no retry topic to replay to", false
	case l.Provider == Aggregator:
		return "skipped: dead-lettered by the aggregator (a discovery result, not a request); no retry topic takes it", false
	case !slices.Contains(topics.Providers, l.Provider):
		return fmt.Sprintf("skipped: unknown provider %q has no retry topic", l.Provider), false
	case l.Request == nil:
		return fmt.Sprintf("still undecodable (%s), left in the dlq", l.DecodeClass()), true
	}
	if err := requestcheck.Check(l.Request); err != nil {
		return fmt.Sprintf("still invalid (%v), left in the dlq", err), false
	}
	return "", false
}

// held says why a letter's state keeps it from a replay; "" when none.
func held(st Status, force bool) string {
	switch {
	case st.State == letterstate.Refailed:
		return fmt.Sprintf("skipped: re-failed after its replay; its newer letter %s carries on", st.Next)
	case force:
		return ""
	case st.State == letterstate.Parked:
		return fmt.Sprintf("parked: failed again after %d replays; --force replays it again", st.Replays)
	case st.State == letterstate.Replayed:
		return fmt.Sprintf("skipped: already replayed by %s, not answered yet; --force replays it again", st.ReplayID)
	case st.State == letterstate.Resolved:
		return fmt.Sprintf("skipped: resolved at %s after replay %s", stamp(st.ResolvedAt), st.ReplayID)
	}
	return ""
}

// Replay decides every letter, reports each decision on c.Out, and unless
// c.DryRun produces the replays with cl (which may be nil on a dry run).
// The letters stay in the dead-letter topic. The error lists the replays
// the broker refused; the summary counts only those it took.
func Replay(ctx context.Context, cl *kgo.Client, letters []Letter, c ReplayConfig) (Summary, error) {
	c.setDefaults()
	letters = slices.Clone(letters)
	sortLetters(letters)
	now := c.Now()
	sum := Summary{DryRun: c.DryRun, ReplayID: c.ID}
	var todo []Decision
	for _, l := range letters {
		d := Decide(l, c, now)
		if d.Record == nil {
			sum.Skipped++
			if d.Undecodable {
				sum.Undecodable++
			}
			fmt.Fprintf(c.Out, "partition %d offset %d: %s\n", l.Partition, l.Offset, d.Reason)
			continue
		}
		todo = append(todo, d)
	}
	if c.DryRun {
		report(c.Out, "would replay", todo, nil)
		sum.Replayed = len(todo)
		return sum, nil
	}
	errs := produce(ctx, cl, todo, c.Progress)
	report(c.Out, "replayed", todo, errs)
	err := tally(&sum, errs)
	if serr := writeStates(ctx, cl, todo, errs, c, now); serr != nil {
		err = errors.Join(err, serr)
	}
	return sum, err
}

// writeStates records every replay the broker took in the state topic,
// after the replays themselves are acknowledged.
func writeStates(ctx context.Context, cl *kgo.Client, todo []Decision, errs []error, c ReplayConfig, now time.Time) error {
	recs := map[string]letterstate.Record{}
	for i, d := range todo {
		if errs[i] != nil {
			continue
		}
		l := d.Letter
		recs[l.Lineage()] = letterstate.Record{State: letterstate.Replayed, Provider: l.Provider, Letter: l.Ref(),
			ReplayID: c.ID, Replays: l.ReplayCount + 1, ReplayedAt: now}
	}
	if len(recs) == 0 {
		return nil
	}
	return letterstate.Write(ctx, cl, c.Names.DLQState(), recs)
}

// produce sends the replays concurrently and returns each one's error.
func produce(ctx context.Context, cl *kgo.Client, todo []Decision, w io.Writer) []error {
	bar := progress.New(w, len(todo), progressAbove, "replaying")
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	wg.Add(len(todo))
	for i, d := range todo {
		cl.Produce(ctx, d.Record, func(_ *kgo.Record, err error) {
			errs[i] = err
			bar.Add(1)
			wg.Done()
		})
	}
	wg.Wait()
	bar.Finish()
	return errs
}

func report(w io.Writer, verb string, todo []Decision, errs []error) {
	for i, d := range todo {
		l := d.Letter
		if errs != nil && errs[i] != nil {
			fmt.Fprintf(w, "partition %d offset %d: not replayed: %v\n", l.Partition, l.Offset, errs[i])
			continue
		}
		fmt.Fprintf(w, "%s partition %d offset %d key %s to %s (replay %s)\n",
			verb, l.Partition, l.Offset, printable(l.Key), d.Record.Topic, route.Header(d.Record, route.HeaderReplayCount))
	}
}

// tally counts the replays the broker took and reports the rest by their
// first error (each is also on its own line above).
func tally(sum *Summary, errs []error) error {
	var first error
	for _, err := range errs {
		if err == nil {
			sum.Replayed++
		} else if first == nil {
			first = err
		}
	}
	if first == nil {
		return nil
	}
	return fmt.Errorf("%d of %d replays not produced, first: %w", len(errs)-sum.Replayed, len(errs), first)
}
