// Package watch is the watch role: it follows the Companies House
// streaming API and produces the events of watched companies to the
// companies-house-events topic, and it keeps the watchlist filled from
// leads.
//
// Each stream is followed by one transactional producer, whose
// transactions hold a batch of events and the stream's position (its
// last timepoint) in the compacted timepoints topic: after any restart
// the role resumes from the last committed position, so no event is lost
// and none is produced twice. Events of companies not on the watchlist
// cost a map lookup and move the position only.
package watch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
	"golang.org/x/sync/errgroup"
)

// DefaultStreams are the streams followed when none are named: officers
// and PSCs, the two connections one stream key may hold. Following the
// companies stream too needs a third connection: a second key and watch
// process, or this one with Streams naming it instead of another.
var DefaultStreams = []chstream.Stream{chstream.Officers, chstream.PSCs}

// Config configures the role. Zero values take the defaults their doc
// comments give.
type Config struct {
	Names topics.Names
	// Client follows the streams; its MaxConnections bounds Streams.
	Client *chstream.Client
	// Streams to follow (default DefaultStreams).
	Streams []chstream.Stream
	// MaxConnections is the stream key's connection limit Streams must
	// fit in (default chstream.DefaultMaxConnections).
	MaxConnections int
	// Linger is how long a watched event may wait for others to share
	// its transaction (default 100ms).
	Linger time.Duration
	// MaxBatch is the most events one transaction holds (default 500).
	MaxBatch int
	// CheckpointEvery is how often the position moves when only
	// unwatched events arrive (default 5s): a restart re-reads at most
	// that much of the stream.
	CheckpointEvery time.Duration
	// StopGrace bounds the commit of what is pending at stop (default 5s).
	StopGrace time.Duration
	// Fill keeps the watchlist filled from enriched-leads (see Filler).
	Fill bool
	// TransactionTimeout of the producers (default 30s).
	TransactionTimeout time.Duration
	// ClientOpts, when set, are more options for the role's stream
	// producers and watchlist filler, asked for once per client by its
	// name ("officers", "fill"): franz-go metric hooks, which two clients
	// must not share.
	ClientOpts func(client string) []kgo.Opt
	Logger     *slog.Logger
	Now        func() time.Time
}

func (c *Config) setDefaults() {
	if len(c.Streams) == 0 {
		c.Streams = DefaultStreams
	}
	c.MaxConnections = cmp.Or(c.MaxConnections, chstream.DefaultMaxConnections)
	c.Linger = cmp.Or(c.Linger, 100*time.Millisecond)
	c.MaxBatch = cmp.Or(c.MaxBatch, 500)
	c.CheckpointEvery = cmp.Or(c.CheckpointEvery, 5*time.Second)
	c.StopGrace = cmp.Or(c.StopGrace, 5*time.Second)
	c.TransactionTimeout = cmp.Or(c.TransactionTimeout, 30*time.Second)
	c.Logger = cmp.Or(c.Logger, slog.Default())
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Validate checks the streams: known, each once, no more than the key's
// connections.
func (c Config) Validate() error {
	if c.Client == nil {
		return errors.New("watch: no stream client")
	}
	for i, s := range c.Streams {
		if !slices.Contains(chstream.Streams, s) {
			return fmt.Errorf("watch: stream %q: want one of %v", s, chstream.Streams)
		}
		if slices.Contains(c.Streams[:i], s) {
			return fmt.Errorf("watch: stream %q named twice", s)
		}
	}
	if len(c.Streams) > c.MaxConnections {
		return fmt.Errorf("watch: %d streams need %d connections; a stream key may hold %d (follow the others with a second key)",
			len(c.Streams), len(c.Streams), c.MaxConnections)
	}
	return nil
}

// Watch is the role. Build it with New and run it with Run.
type Watch struct {
	cfg  Config
	opts []kgo.Opt
	list *List
	// read, watched and skipped count events: every event handed over
	// by the streams, those produced, those skipped as seen before.
	read, watched, skipped atomic.Int64
}

// New checks cfg and returns the role, whose Kafka clients take opts.
func New(cfg Config, opts ...kgo.Opt) (*Watch, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Watch{cfg: cfg, opts: opts, list: NewList()}, nil
}

// List is the watchlist the role filters by.
func (w *Watch) List() *List { return w.list }

// Stats are the role's event counts since it started.
type Stats struct {
	// Read is every event the streams handed over; Watched those
	// produced; Skipped those seen before (a resend after a drop).
	Read, Watched, Skipped int64
}

// Stats returns the counts so far.
func (w *Watch) Stats() Stats {
	return Stats{Read: w.read.Load(), Watched: w.watched.Load(), Skipped: w.skipped.Load()}
}

// Run follows the watchlist, then the streams, until ctx ends.
func (w *Watch) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return w.list.Follow(ctx, w.opts, w.cfg.Names.Watchlist()) })
	if w.cfg.Fill {
		g.Go(func() error { return w.fill(ctx) })
	}
	g.Go(func() error {
		select {
		case <-w.list.Ready():
		case <-ctx.Done():
			return nil
		}
		return w.follow(ctx)
	})
	if err := g.Wait(); err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

// follow takes every stream's transactional id, reads the positions and
// follows each stream from its own.
func (w *Watch) follow(ctx context.Context) error {
	followers := make([]*follower, 0, len(w.cfg.Streams))
	defer func() {
		for _, f := range followers {
			f.producer.Close()
		}
	}()
	for _, s := range w.cfg.Streams {
		p, err := w.producer(ctx, s)
		if err != nil {
			return err
		}
		followers = append(followers, &follower{w: w, stream: s, producer: p, lastFlush: w.cfg.Now(),
			log: w.cfg.Logger.With("stream", string(s))})
	}
	at, err := readPositions(ctx, followers[0].producer, w.cfg.Names.WatchTimepoints())
	if err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	for _, f := range followers {
		f.seen, f.committed = at[f.stream], at[f.stream]
		w.cfg.Logger.Info("watch: following stream", "stream", string(f.stream), "from_timepoint", f.committed)
		g.Go(func() error { return f.run(ctx) })
	}
	return g.Wait()
}

// clientOpts are the options of the role's client name: the role's, the
// client's own (Config.ClientOpts) and more.
func (w *Watch) clientOpts(name string, more ...kgo.Opt) []kgo.Opt {
	opts := slices.Clone(w.opts)
	if w.cfg.ClientOpts != nil {
		opts = append(opts, w.cfg.ClientOpts(name)...)
	}
	return append(opts, more...)
}

// producer is the transactional producer of stream s, its producer id
// taken: a previous process's open transaction is ended first.
func (w *Watch) producer(ctx context.Context, s chstream.Stream) (*kgo.Client, error) {
	id := w.cfg.Names.Prefix + "leadgen-watch-" + string(s)
	cl, err := kgo.NewClient(w.clientOpts(string(s), kgo.TransactionalID(id), kgo.TransactionTimeout(w.cfg.TransactionTimeout))...)
	if err != nil {
		return nil, fmt.Errorf("watch producer of %s: %w", s, err)
	}
	if _, _, err := cl.ProducerID(ctx); err != nil {
		cl.Close()
		return nil, fmt.Errorf("watch producer of %s: take transactional id %s: %w", s, id, err)
	}
	return cl, nil
}
