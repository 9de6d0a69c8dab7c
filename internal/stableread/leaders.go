package stableread

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// leaders is a topic's ID and the leader of each of its partitions.
type leaders struct {
	id         [16]byte
	partitions map[int32]int32
}

func (r Reader) leaders(ctx context.Context, topic string) (*leaders, error) {
	l := &leaders{}
	return l, l.refresh(ctx, r.Client, topic)
}

// refresh reads the topic's metadata again.
func (l *leaders) refresh(ctx context.Context, cl *kgo.Client, topic string) error {
	details, err := kadm.NewClient(cl).ListTopics(ctx, topic)
	if err != nil {
		return fmt.Errorf("metadata of %s: %w", topic, err)
	}
	d, ok := details[topic]
	if !ok {
		return fmt.Errorf("metadata of %s: topic not found (run leadgen topics apply)", topic)
	}
	if d.Err != nil {
		return fmt.Errorf("metadata of %s: %w", topic, d.Err)
	}
	l.id = d.ID
	l.partitions = make(map[int32]int32, len(d.Partitions))
	for p, pd := range d.Partitions {
		l.partitions[p] = pd.Leader
	}
	return nil
}
