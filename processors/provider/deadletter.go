package provider

import (
	"context"
	"fmt"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// undecodable sends a record nobody can read to the dead-letter topic,
// untouched, from the designated provider only; the others count it and
// move on. It never stalls the partition.
func (w *Worker) undecodable(ctx context.Context, rec *kgo.Record, err error) error {
	w.cfg.Metrics.Undecodable.WithLabelValues(rec.Topic).Inc()
	if Designated(w.cfg.Enabled) != w.name {
		return nil
	}
	w.cfg.Logger.Warn("undecodable request sent to the dead-letter topic", "topic", rec.Topic,
		"partition", rec.Partition, "offset", rec.Offset, "err", err)
	return w.deadLetter(ctx, rec, failure.Undecodable, err)
}

// noProvider dead-letters a request that names only disabled providers.
func (w *Worker) noProvider(ctx context.Context, rec *kgo.Record, req *schemas.CompanyRequest) error {
	if Designated(w.cfg.Enabled) != w.name {
		return nil
	}
	err := fmt.Errorf("request %s names providers %v, none of them enabled (%v)", req.RequestID, req.Providers, w.cfg.Enabled)
	w.cfg.Logger.Warn("request sent to the dead-letter topic", "request_id", req.RequestID, "class", failure.Permanent, "err", err)
	return w.deadLetter(ctx, rec, failure.Permanent, err)
}

func (w *Worker) deadLetter(ctx context.Context, rec *kgo.Record, class failure.Class, cause error) error {
	out := route.Record(rec, w.cfg.Names.DLQ(), route.Failure{Provider: w.name, Attempt: 1, Class: class, Err: cause}, w.cfg.Now())
	if err := w.cons.Client().ProduceSync(ctx, out).FirstErr(); err != nil {
		return fmt.Errorf("dead-letter offset %d: %w", rec.Offset, err)
	}
	w.cfg.Metrics.DeadLetters.WithLabelValues(w.name, string(class)).Inc()
	return nil
}
