package consume

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/twmb/franz-go/pkg/kgo"
)

// revoked stops queued records of the revoked partitions from starting,
// gives running ones RevokeTimeout to finish before cancelling them, then
// commits the finished prefix and forgets the partitions. Rebalances are
// blocked while a polled batch is dispatched, so nothing new arrives. A
// revoke while stopping does not wait, and ends by Run's shutdown
// deadline.
func (c *Consumer) revoked(ctx context.Context, _ *kgo.Client, parts map[string][]int32) {
	ctx, cancel := c.bounded(ctx)
	defer cancel()
	c.commitMu.Lock()
	defer c.commitMu.Unlock()
	c.dropPending(parts)
	c.holder.drop(parts)
	c.tracker.leave(parts)
	// Stopping, Run's drain has waited for the handlers already; one still
	// running is blocked on the client, which this revoke holds open.
	if !c.closing.Load() && !c.tracker.waitIdle(ctx, parts, c.cfg.RevokeTimeout) {
		c.cfg.Logger.Warn("revoke timeout: cancelling in-flight records of revoked partitions", "group", c.cfg.Group, "partitions", parts)
		c.tracker.cancel(parts)
		c.tracker.waitIdle(ctx, parts, c.cfg.RevokeTimeout)
	}
	c.commit(ctx, c.tracker.progress(parts))
	c.tracker.forget(parts)
}

// bounded ends ctx at Run's shutdown deadline once the stop has begun.
func (c *Consumer) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if d := c.deadline.Load(); d != nil {
		return d.Within(ctx, 0)
	}
	return context.WithCancel(ctx)
}

// lost cancels and forgets partitions without committing: the group
// already gave them to another member.
func (c *Consumer) lost(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
	c.commitMu.Lock()
	defer c.commitMu.Unlock()
	c.joined.Store(false)
	c.dropPending(parts)
	c.holder.drop(parts)
	c.tracker.cancel(parts)
	c.tracker.forget(parts)
}

// retry calls the handler until it succeeds, backing off between tries,
// or until ctx ends or the partition is handed over.
func (c *Consumer) retry(ctx context.Context, p *partition, r *kgo.Record) error {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 100 * time.Millisecond
	b.MaxInterval = 10 * time.Second
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		err := c.cfg.Handler(ctx, r)
		if err != nil && (c.closing.Load() || p.leaving()) {
			return struct{}{}, backoff.Permanent(err) // the next owner retries it
		}
		if err != nil && ctx.Err() == nil {
			c.cfg.Logger.Warn("record handler failed; retrying", "group", c.cfg.Group,
				"topic", r.Topic, "partition", r.Partition, "offset", r.Offset, "err", err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(b), backoff.WithMaxElapsedTime(0))
	return err
}
