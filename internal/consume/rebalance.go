package consume

import (
	"context"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/twmb/franz-go/pkg/kgo"
)

// revoked waits for the revoked partitions' in-flight records, commits
// their progress and forgets them. Rebalances are blocked while a polled
// batch is being dispatched, so nothing new arrives for them meanwhile.
func (c *Consumer) revoked(ctx context.Context, _ *kgo.Client, parts map[string][]int32) {
	c.tracker.waitIdle(parts)
	c.commit(ctx, c.tracker.progress(parts))
	c.tracker.forget(parts)
}

// lost forgets partitions without committing: the group already moved on.
func (c *Consumer) lost(_ context.Context, _ *kgo.Client, parts map[string][]int32) {
	c.tracker.forget(parts)
}

// retry calls the handler until it succeeds, backing off between tries,
// or until the consumer stops.
func (c *Consumer) retry(r *kgo.Record) error {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 100 * time.Millisecond
	b.MaxInterval = 10 * time.Second
	_, err := backoff.Retry(c.work, func() (struct{}, error) {
		err := c.cfg.Handler(c.work, r)
		if err != nil && c.work.Err() == nil {
			c.cfg.Logger.Warn("record handler failed; retrying", "group", c.cfg.Group,
				"topic", r.Topic, "partition", r.Partition, "offset", r.Offset, "err", err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(b), backoff.WithMaxElapsedTime(0))
	return err
}
