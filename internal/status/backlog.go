package status

import (
	"context"
	"errors"
	"fmt"

	"github.com/leadgen/leadgen/processors/fallback"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// backlog is one provider's waiting records by stage.
type backlog struct{ input, retry, fallback int64 }

// reader is one consumer group of a provider and the topics it reads.
type reader struct {
	provider, group string
	topics          []string
	add             func(*backlog, int64)
}

// readers lists the three groups of every provider: its input worker on
// company-requests, its retry worker on its tiers and its fallback worker.
func readers(cfg Config) []reader {
	n := cfg.Names
	var out []reader
	for _, p := range cfg.Providers {
		var tiers []string
		for _, d := range cfg.Tiers {
			tiers = append(tiers, n.Retry(p, d))
		}
		out = append(out,
			reader{p, worker.Group(n.Prefix, p), []string{n.Requests()}, func(b *backlog, v int64) { b.input += v }},
			reader{p, retry.Group(n.Prefix, p), tiers, func(b *backlog, v int64) { b.retry += v }},
			reader{p, fallback.Group(n.Prefix, p), []string{n.Fallback(p)}, func(b *backlog, v int64) { b.fallback += v }},
		)
	}
	return out
}

// readBacklogs measures every provider's backlog by stage.
//
// kadm's Lag counts only the partitions a group has committed to or has
// members on, so a provider that never ran would show no backlog. Here
// every partition of every topic counts: from the group's commit, or from
// the log start where it has none (leadgen's consumers start there), to
// the end offset.
func readBacklogs(ctx context.Context, cl *kgo.Client, cfg Config) (map[string]backlog, error) {
	adm := kadm.NewClient(cl)
	rs := readers(cfg)
	starts, ends, err := listOffsets(ctx, adm, topicsOf(rs))
	if err != nil {
		return nil, err
	}
	commits, err := fetchCommits(ctx, adm, rs)
	if err != nil {
		return nil, err
	}
	out := map[string]backlog{}
	for _, r := range rs {
		b := out[r.provider]
		r.add(&b, lag(r.topics, commits[r.group], starts, ends))
		out[r.provider] = b
	}
	return out, nil
}

func topicsOf(rs []reader) []string {
	var ts []string
	for _, r := range rs {
		ts = append(ts, r.topics...)
	}
	return ts
}

// listOffsets lists the start and end offsets of every partition of ts.
func listOffsets(ctx context.Context, adm *kadm.Client, ts []string) (starts, ends kadm.ListedOffsets, err error) {
	if starts, err = listed(adm.ListStartOffsets(ctx, ts...)); err != nil {
		return nil, nil, fmt.Errorf("list start offsets: %w", err)
	}
	if ends, err = listed(adm.ListEndOffsets(ctx, ts...)); err != nil {
		return nil, nil, fmt.Errorf("list end offsets: %w", err)
	}
	return starts, ends, nil
}

// missingHint says what to check when a topic is missing.
const missingHint = "run leadgen topics apply; --topic-prefix and --retry-tiers must be the cluster's"

// listed folds a listing's per-partition errors (a missing topic) into
// its error, naming the topic.
func listed(l kadm.ListedOffsets, err error) (kadm.ListedOffsets, error) {
	if err != nil {
		return nil, err
	}
	var first error
	l.Each(func(o kadm.ListedOffset) {
		switch {
		case o.Err == nil || first != nil:
		case errors.Is(o.Err, kerr.UnknownTopicOrPartition):
			first = fmt.Errorf("%s: %w (%s)", o.Topic, o.Err, missingHint)
		default:
			first = fmt.Errorf("%s: %w", o.Topic, o.Err)
		}
	})
	return l, first
}

// fetchCommits reads the committed offsets of every reader's group.
func fetchCommits(ctx context.Context, adm *kadm.Client, rs []reader) (map[string]kadm.OffsetResponses, error) {
	groups := make([]string, len(rs))
	for i, r := range rs {
		groups[i] = r.group
	}
	fetched := adm.FetchManyOffsets(ctx, groups...)
	out := make(map[string]kadm.OffsetResponses, len(fetched))
	for _, g := range groups {
		f, ok := fetched[g]
		switch {
		case !ok:
			return nil, fmt.Errorf("fetch committed offsets of %s: no answer", g)
		case errors.Is(f.Err, kerr.GroupIDNotFound):
			continue // a group that never committed: its workers never ran
		case f.Err != nil:
			return nil, fmt.Errorf("fetch committed offsets of %s: %w", g, f.Err)
		case f.Fetched.Error() != nil:
			return nil, fmt.Errorf("fetch committed offsets of %s: %w", g, f.Fetched.Error())
		}
		out[g] = f.Fetched
	}
	return out, nil
}

// lag sums, over every partition of ts, the records between the group's
// position (its commit, else the log start; never before the log start)
// and the end offset.
func lag(ts []string, commits kadm.OffsetResponses, starts, ends kadm.ListedOffsets) int64 {
	var sum int64
	for _, t := range ts {
		for p, end := range ends[t] {
			from := starts[t][p].Offset
			if c, ok := commits.Lookup(t, p); ok && c.At >= 0 {
				from = max(from, c.At)
			}
			sum += max(end.Offset-from, 0)
		}
	}
	return sum
}
