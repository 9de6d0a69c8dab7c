// Package consume runs a consumer group whose records are handled
// concurrently across keys but in order within a key, and whose offsets are
// committed only after a record's handler has returned success.
//
// One poll loop dispatches records to per-key queues. A bounded number of
// records are in flight at once (the semaphore is also the backpressure on
// polling). Each partition keeps its dispatched offsets in order; the commit
// point is the first offset whose handler has not yet succeeded, so a crash
// at any moment re-delivers only unfinished records (at-least-once, no loss).
package consume

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/shutdown"
	"github.com/leadgen/leadgen/internal/tick"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Handler processes one record. Returning nil acknowledges it: its outcome
// (a result, a routed copy, a dead letter) is durably written and its offset
// may be committed. Returning an error means the outcome is not written;
// the record is retried with backoff until it succeeds or the consumer
// stops, and it is never committed before it succeeds.
type Handler func(ctx context.Context, rec *kgo.Record) error

// Config configures a Consumer.
type Config struct {
	// Group is the consumer group id.
	Group string
	// Topics are consumed from the committed offset, else the start.
	Topics []string
	// Handler is called for every record.
	Handler Handler
	// MaxInFlight bounds records being handled at once (default 256, the
	// DESIGN §8 default per provider process).
	MaxInFlight int
	// CommitInterval is how often progress is committed (default 1s).
	CommitInterval time.Duration
	// ShutdownTimeout bounds Run's stop, from the end of its context to
	// its return, whatever the backlog and even with the brokers gone
	// (default shutdown.DefaultTimeout, 30s). Records not yet started are
	// not started; running handlers get all of it but the deadline's
	// reserve to finish, then are cancelled; the final commit and leaving
	// the group share the reserve. Unfinished records are not committed
	// and are re-delivered to the next owner.
	ShutdownTimeout time.Duration
	// RevokeTimeout is how long a rebalance waits for the running handlers
	// of revoked partitions before cancelling them, and again for them to
	// return (default 10s, so both fit the group's 60s rebalance timeout).
	// Records still queued are not started; the next owner gets them.
	RevokeTimeout time.Duration
	// Logger receives progress and errors (default slog.Default()).
	Logger *slog.Logger
	// DueAt, when set, says when a record may be handled; a record not yet
	// due pauses its partition until then (retry tiers). Records of one
	// partition are handled in offset order of their due times.
	DueAt func(*kgo.Record) time.Time
	// Now is the clock for DueAt (default time.Now).
	Now func() time.Time
	// FetchMaxWait bounds a fetch's long poll (default franz-go's 5s). A
	// partition resumed after a due-time pause waits behind the poll in
	// flight, so retry workers use a short one.
	FetchMaxWait time.Duration
}

func (c *Config) setDefaults() {
	c.MaxInFlight = cmp.Or(c.MaxInFlight, 256)
	c.CommitInterval = cmp.Or(c.CommitInterval, time.Second)
	c.ShutdownTimeout = cmp.Or(c.ShutdownTimeout, shutdown.DefaultTimeout)
	c.RevokeTimeout = cmp.Or(c.RevokeTimeout, 10*time.Second)
	c.Logger = cmp.Or(c.Logger, slog.Default())
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Validate reports a config that cannot run.
func (c *Config) Validate() error {
	switch {
	case c.Group == "":
		return errors.New("consume: group is required")
	case len(c.Topics) == 0:
		return errors.New("consume: at least one topic is required")
	case c.Handler == nil:
		return errors.New("consume: handler is required")
	case c.MaxInFlight < 1:
		return fmt.Errorf("consume: max in-flight %d must be positive", c.MaxInFlight)
	}
	return nil
}

// Consumer is one member of a consumer group. Create it with New and start
// it with Run.
type Consumer struct {
	cfg      Config
	commitMu sync.Mutex // one commit at a time, and none during a revoke
	cl       *kgo.Client
	sem      chan struct{}
	work     context.Context
	stop     context.CancelFunc
	tracker  *tracker
	keys     *keyQueues
	holder   *holder // nil unless DueAt is set
	paused   atomic.Bool
	// pending are polled records that found no free in-flight place: they
	// wait, in order, for room outside the poll (so a rebalance is never
	// held up by handlers that wait long); see dispatchAll.
	pendMu  sync.Mutex
	pending []*kgo.Record
	closing atomic.Bool // Run's context ended: failed handlers are not retried
	// deadline bounds the stop once Run's context ends; set by Run
	// before the first poll, read by rebalance callbacks.
	deadline atomic.Pointer[shutdown.Deadline]
	joined   atomic.Bool // a group generation assigned this member
}

// New builds a consumer; opts carry the connection (see kclient).
func New(cfg Config, opts ...kgo.Opt) (*Consumer, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Consumer{cfg: cfg, sem: make(chan struct{}, cfg.MaxInFlight)}
	c.work, c.stop = context.WithCancel(context.Background())
	c.tracker = newTracker(c.work)
	c.keys = newKeyQueues(c.handle)
	if cfg.DueAt != nil {
		c.holder = newHolder(cfg.DueAt, cfg.Now)
	}
	group := []kgo.Opt{
		kgo.ConsumerGroup(cfg.Group),
		kgo.ConsumeTopics(cfg.Topics...),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.DisableAutoCommit(),
		kgo.BlockRebalanceOnPoll(),
		kgo.OnPartitionsAssigned(func(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
			c.joined.Store(true)
			c.holder.assign(parts)
		}),
		kgo.OnPartitionsRevoked(c.revoked),
		kgo.OnPartitionsLost(c.lost),
	}
	if cfg.FetchMaxWait > 0 {
		group = append(group, kgo.FetchMaxWait(cfg.FetchMaxWait))
	}
	cl, err := kgo.NewClient(append(opts, group...)...)
	if err != nil {
		return nil, fmt.Errorf("consumer %s: %w", cfg.Group, err)
	}
	c.cl = cl
	if c.holder != nil {
		c.holder.pause = func(k tp) { cl.PauseFetchPartitions(map[string][]int32{k.topic: {k.part}}) }
		c.holder.resume = func(k tp) { cl.ResumeFetchPartitions(map[string][]int32{k.topic: {k.part}}) }
		c.holder.reserve = func(stop <-chan struct{}) bool {
			select {
			case c.sem <- struct{}{}:
				return true
			case <-stop:
				return false
			}
		}
		c.holder.unreserve = func() { <-c.sem }
		c.holder.send = func(r *kgo.Record) { c.keys.push(queueKey(r), c.tracker.add(r), r) }
	}
	return c, nil
}

// Joined says whether the member has joined its group (it may own no
// partitions when the group has more members than partitions).
func (c *Consumer) Joined() bool { return c.joined.Load() }

// Group is the consumer group id.
func (c *Consumer) Group() string { return c.cfg.Group }

// Waiting counts records held until their due time.
func (c *Consumer) Waiting() int { return c.holder.waiting() }

// Client is the underlying client, for producing from handlers.
func (c *Consumer) Client() *kgo.Client { return c.cl }

// Run polls and dispatches until ctx ends, then drains in-flight records,
// commits what finished, leaves the group and closes the client, all
// within ShutdownTimeout of ctx's end.
func (c *Consumer) Run(ctx context.Context) error {
	d := shutdown.After(ctx, c.cfg.ShutdownTimeout)
	defer d.Release()
	c.deadline.Store(d)
	stopClosing := context.AfterFunc(ctx, func() { c.closing.Store(true) })
	defer stopClosing()
	// Cancel handlers at the reserve, whatever the poll loop is doing: a
	// rebalance callback may be waiting on them.
	handlers, cancel := d.Within(context.Background(), d.Reserve())
	defer cancel()
	stopWork := context.AfterFunc(handlers, c.stop)
	defer stopWork()
	commitDone := make(chan struct{})
	go c.commitLoop(ctx, commitDone)
	err := c.pollLoop(ctx)
	c.holder.stop()
	c.drain(d)
	<-commitDone
	c.finalCommit(d)
	if !d.Close(c.cl) { // revokes: commits again, leaves the group
		c.cfg.Logger.Warn("shutdown deadline: the client is still closing; left it to finish in the background", "group", c.cfg.Group)
	}
	return err
}

// finalCommit commits what finished, keeping half the reserve for
// leaving the group.
func (c *Consumer) finalCommit(d *shutdown.Deadline) {
	ctx, cancel := d.Within(context.Background(), d.Reserve()/2)
	defer cancel()
	c.commitMu.Lock()
	defer c.commitMu.Unlock()
	c.commit(ctx, c.tracker.progress(nil))
}

func (c *Consumer) pollLoop(ctx context.Context) error {
	for {
		if err := c.flushPending(ctx); err != nil {
			return nil // ctx ended while waiting for room
		}
		fetches := c.cl.PollRecords(ctx, c.cfg.MaxInFlight)
		if ctx.Err() != nil || fetches.IsClientClosed() {
			c.cl.AllowRebalance()
			return nil
		}
		fetches.EachError(func(t string, p int32, err error) {
			c.cfg.Logger.Warn("fetch error", "topic", t, "partition", p, "err", err)
		})
		c.dispatchAll(fetches)
		c.cl.AllowRebalance()
	}
}

// dispatchAll hands polled records to their key queues without blocking:
// a record that finds no free in-flight place, and every record after it,
// waits in pending for flushPending, which runs outside the poll.
func (c *Consumer) dispatchAll(fetches kgo.Fetches) {
	c.pendMu.Lock()
	defer c.pendMu.Unlock()
	fetches.EachRecord(func(r *kgo.Record) {
		if !c.holder.admit(r) {
			return
		}
		if len(c.pending) == 0 {
			select {
			case c.sem <- struct{}{}:
				c.keys.push(queueKey(r), c.tracker.add(r), r)
				return
			default:
			}
		}
		c.pending = append(c.pending, r)
	})
}

// flushPending dispatches pending records in order as in-flight places
// free up. Rebalances may run meanwhile: they drop the pending records of
// partitions that leave (dropPending).
func (c *Consumer) flushPending(ctx context.Context) error {
	for {
		c.pendMu.Lock()
		empty := len(c.pending) == 0
		c.pendMu.Unlock()
		if empty {
			return nil
		}
		select {
		case c.sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		c.pendMu.Lock()
		if len(c.pending) == 0 { // a rebalance took them
			c.pendMu.Unlock()
			<-c.sem
			return nil
		}
		r := c.pending[0]
		c.pending[0] = nil
		c.pending = c.pending[1:]
		c.keys.push(queueKey(r), c.tracker.add(r), r)
		c.pendMu.Unlock()
	}
}

// dropPending forgets pending records of partitions no longer owned; the
// next owner fetches them again from the committed offset.
func (c *Consumer) dropPending(parts map[string][]int32) {
	c.pendMu.Lock()
	defer c.pendMu.Unlock()
	kept := c.pending[:0]
	for _, r := range c.pending {
		if !contains(parts[r.Topic], r.Partition) {
			kept = append(kept, r)
		}
	}
	clear(c.pending[len(kept):])
	c.pending = kept
}

// queueKey orders records of one key within one partition; a record
// without a key orders with nothing.
func queueKey(r *kgo.Record) string {
	if r.Key == nil {
		return fmt.Sprintf("%s\x00%d\x00#%d", r.Topic, r.Partition, r.Offset)
	}
	return fmt.Sprintf("%s\x00%d\x00k%s", r.Topic, r.Partition, r.Key)
}

// handle runs the handler until it succeeds or its partition's context
// ends (revoked, lost or shutting down), then marks the record's slot and
// frees its in-flight place. A record is not started once its partition
// is gone or the consumer is stopping: the next owner gets it.
func (c *Consumer) handle(s *slot, r *kgo.Record) {
	defer func() { <-c.sem }()
	ctx := context.WithValue(s.part.ctx, goneKey{}, (<-chan struct{})(s.part.gone))
	if s.part.leaving() || c.closing.Load() || ctx.Err() != nil {
		c.tracker.abandon(s)
		return
	}
	if err := c.retry(ctx, s.part, r); err != nil {
		c.tracker.abandon(s)
		return
	}
	c.tracker.done(s)
}

type goneKey struct{}

// Leaving returns a channel closed when the partition of the record being
// handled under ctx is revoked or lost. A handler that is only waiting
// (for a quota, say) should stop then and return an error: the record is
// not committed and its next owner handles it. Working handlers get
// RevokeTimeout to finish. Nil outside a handler.
func Leaving(ctx context.Context) <-chan struct{} {
	ch, _ := ctx.Value(goneKey{}).(<-chan struct{})
	return ch
}

// drain waits for in-flight handlers. They are cancelled when the
// deadline's reserve begins, and a handler that ignores cancellation (one
// blocked producing to a broker that is gone, say) is given up on a
// quarter of the reserve later: closing the client then fails its record.
func (c *Consumer) drain(d *shutdown.Deadline) {
	idle := make(chan struct{})
	go func() { c.keys.wait(); close(idle) }()
	select {
	case <-idle:
		c.stop()
		return
	case <-c.work.Done():
		c.cfg.Logger.Warn("shutdown deadline: cancelled in-flight records; they will be re-delivered", "group", c.cfg.Group)
	}
	if !d.Wait(idle, d.Reserve()*3/4) {
		c.cfg.Logger.Warn("handlers ignored cancellation; closing the client fails what they wait for", "group", c.cfg.Group)
	}
}

func (c *Consumer) commitLoop(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	tick.Every(ctx, c.cfg.CommitInterval, func() {
		c.commitMu.Lock()
		c.commit(ctx, c.tracker.progress(nil))
		c.commitMu.Unlock()
	})
}

func (c *Consumer) commit(ctx context.Context, offsets map[string]map[int32]kgo.EpochOffset) {
	if len(offsets) == 0 {
		return
	}
	c.cl.CommitOffsetsSync(ctx, offsets, func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
		if err == nil {
			err = firstCommitError(resp)
		}
		if err != nil {
			c.cfg.Logger.Warn("offset commit failed; will retry", "group", c.cfg.Group, "err", err)
			return
		}
		c.tracker.committed(offsets)
	})
}

func firstCommitError(resp *kmsg.OffsetCommitResponse) error {
	for _, t := range resp.Topics {
		for _, p := range t.Partitions {
			if err := kerr.ErrorForCode(p.ErrorCode); err != nil {
				return fmt.Errorf("commit %s[%d]: %w", t.Topic, p.Partition, err)
			}
		}
	}
	return nil
}

// PauseFor stops fetching new records for d; records already fetched are
// still handled. It reports false when a pause is already under way.
func (c *Consumer) PauseFor(d time.Duration) bool {
	if !c.paused.CompareAndSwap(false, true) {
		return false
	}
	c.cl.PauseFetchTopics(c.cfg.Topics...)
	time.AfterFunc(d, func() {
		c.cl.ResumeFetchTopics(c.cfg.Topics...)
		c.paused.Store(false)
	})
	return true
}
