package pipeline

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/processors/watch"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/twmb/franz-go/pkg/kgo"
)

// RoleWatch is the watch role's name: it follows the Companies House
// streaming API (see processors/watch). "all" leaves it out, as it needs a
// stream key of its own; name it to run it.
const RoleWatch = "watch"

// The watch role's environment.
const (
	// StreamKeyEnv holds the stream key (or StreamKeyEnv_FILE a path to
	// it), which Companies House issues apart from the REST key.
	StreamKeyEnv = "LEADGEN_COMPANIES_HOUSE_STREAM_KEY"
	// StreamURLEnv overrides the streaming API's base URL.
	StreamURLEnv = "LEADGEN_COMPANIES_HOUSE_STREAM_URL"
)

// StreamClient builds the streaming API client from the environment; with
// a sandbox, its URL and key default to the sandbox's.
func StreamClient(d Deps) (*chstream.Client, error) {
	key, found, err := secret.Lookup(StreamKeyEnv)
	if err != nil {
		return nil, err
	}
	url := os.Getenv(StreamURLEnv)
	if d.Sandbox != nil {
		if url == "" {
			url = d.Sandbox.URL + sandbox.CompaniesHouseStreamPrefix
		}
		if !found {
			key, found = "sandbox-stream", true
		}
	}
	if !found {
		return nil, fmt.Errorf("role %s: no stream key: set %s or %s_FILE, or run with --sandbox", RoleWatch, StreamKeyEnv, StreamKeyEnv)
	}
	cfg := chstream.Config{URL: url, Key: key, Logger: d.Logger}
	if d.Metrics != nil {
		gaps := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "leadgen_watch_stream_interruptions_total",
			Help: "Companies House stream interruptions by stream and kind (dropped, rate_limited, timepoint_too_old, refused, connect_failed)."},
			[]string{"stream", "kind"})
		if err := d.Metrics.Registry.Register(gaps); err != nil {
			return nil, fmt.Errorf("watch metrics: %w", err)
		}
		cfg.OnInterruption = func(s chstream.Stream, kind string) { gaps.WithLabelValues(string(s), kind).Inc() }
	}
	return chstream.New(cfg)
}

// watchMetrics publishes the role's event counts.
func watchMetrics(cfg Config, w *watch.Watch) error {
	for outcome, count := range map[string]func(watch.Stats) int64{
		"read":     func(s watch.Stats) int64 { return s.Read },
		"produced": func(s watch.Stats) int64 { return s.Watched },
		"repeated": func(s watch.Stats) int64 { return s.Skipped },
	} {
		c := prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "leadgen_watch_events_total",
			Help:        "Companies House stream events the watch role read, produced (watched companies) and skipped as read before.",
			ConstLabels: prometheus.Labels{"outcome": outcome}},
			func() float64 { return float64(count(w.Stats())) })
		if err := cfg.Metrics.Registry.Register(c); err != nil {
			return fmt.Errorf("watch metrics: %w", err)
		}
	}
	return nil
}

// ParseStreams reads a comma-separated list of stream names.
func ParseStreams(s string) ([]chstream.Stream, error) {
	var out []chstream.Stream
	for _, name := range strings.Split(s, ",") {
		st := chstream.Stream(strings.TrimSpace(name))
		if st == "" {
			continue
		}
		if !slices.Contains(chstream.Streams, st) {
			return nil, fmt.Errorf("stream %q: want some of %v", st, chstream.Streams)
		}
		out = append(out, st)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no streams named; want some of %v", chstream.Streams)
	}
	return out, nil
}

// buildWatch builds the watch role; clientOpts are the metric hooks and
// id of each of its stream producers and its watchlist filler.
func buildWatch(cfg Config, opts []kgo.Opt, clientOpts func(string) []kgo.Opt) (func(context.Context) error, error) {
	w, err := watch.New(watch.Config{Names: cfg.Names, Client: cfg.Stream, Streams: cfg.WatchStreams, Fill: true,
		ClientOpts: clientOpts, Logger: cfg.Logger, Now: cfg.Now, StopGrace: roleTimeout(cfg) / 2}, opts...)
	if err != nil {
		return nil, err
	}
	if err := watchMetrics(cfg, w); err != nil {
		return nil, err
	}
	cfg.Health.AddCheck("watchlist", func(context.Context) (bool, string) {
		select {
		case <-w.List().Ready():
			return true, ""
		default:
			return false, "reading the watchlist"
		}
	})
	return w.Run, nil
}
