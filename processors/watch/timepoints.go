package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kgo"
)

// position is the value of a timepoints record: how far the watch role
// has handled one stream. JSON, so an operator reads it with any tool.
type position struct {
	Timepoint int64     `json:"timepoint"`
	At        time.Time `json:"at"`
}

// positionRecord is the timepoints record of stream at t.
func positionRecord(topic string, s chstream.Stream, t int64, at time.Time) (*kgo.Record, error) {
	b, err := json.Marshal(position{Timepoint: t, At: at.UTC()})
	if err != nil {
		return nil, fmt.Errorf("encode timepoint of %s: %w", s, err)
	}
	return &kgo.Record{Topic: topic, Key: []byte(s), Value: b}, nil
}

// readPositions returns the last committed timepoint of every stream in
// topic. Run calls it after every stream's producer took its
// transactional id, which ends whatever transaction a previous process
// left open, so the stable end is the end.
func readPositions(ctx context.Context, cl *kgo.Client, topic string) (map[chstream.Stream]int64, error) {
	reader := stableread.Reader{Client: cl}
	spans, err := reader.All(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("read timepoints: %w", err)
	}
	out := map[chstream.Stream]int64{}
	_, err = reader.Read(ctx, topic, spans, func(r *kgo.Record) error {
		if r.Value == nil {
			delete(out, chstream.Stream(r.Key))
			return nil
		}
		var p position
		if err := json.Unmarshal(r.Value, &p); err != nil {
			return fmt.Errorf("timepoint of %s at offset %d: %w", r.Key, r.Offset, err)
		}
		out[chstream.Stream(r.Key)] = p.Timepoint
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read timepoints: %w", err)
	}
	return out, nil
}
