package stableread

import (
	"context"
	"fmt"
	"slices"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Follow goes on where a Read stopped: it consumes topic from ends, each
// partition from its Next, with a client of opts, and hands fn the
// fetches of every poll until ctx ends (it then returns nil) or fn
// returns an error, which it returns. opts choose the isolation level;
// kgo's default reads uncommitted.
func Follow(ctx context.Context, opts []kgo.Opt, topic string, ends map[int32]End, fn func(kgo.Fetches) error) error {
	from := make(map[int32]kgo.Offset, len(ends))
	for p, e := range ends {
		from[p] = kgo.NewOffset().At(e.Next)
	}
	cl, err := kgo.NewClient(append(slices.Clone(opts),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: from}))...)
	if err != nil {
		return fmt.Errorf("follow %s: %w", topic, err)
	}
	defer cl.Close()
	for {
		fetches := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err := fn(fetches); err != nil {
			return err
		}
	}
}
