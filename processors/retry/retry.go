// Package retry runs a provider's retry tiers: it consumes the provider's
// company-requests.retry.<provider>.<delay> topics, holds each tier
// partition paused until its head record is due (leadgen.due.at), then
// runs that provider alone again. A success writes the result; a failure
// goes to the next tier, the fallback or the dead-letter topic.
package retry

import (
	"context"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/consume"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Group is the consumer group of a provider's retry worker.
func Group(prefix, p string) string { return prefix + "leadgen-retry-" + p }

// Worker is one provider's retry worker.
type Worker struct {
	env   *worker.Env
	cons  *consume.Consumer
	out   *worker.Output
	tiers map[string]int // topic → tier index
}

// New builds a retry worker; opts carry the connection.
func New(env *worker.Env, maxInFlight int, opts ...kgo.Opt) (*Worker, error) {
	env.SetDefaults()
	if err := env.Validate(); err != nil {
		return nil, err
	}
	w := &Worker{env: env, tiers: map[string]int{}}
	var topicList []string
	for i, d := range env.Tiers {
		t := env.Names.Retry(env.Name(), d)
		w.tiers[t] = i
		topicList = append(topicList, t)
	}
	cfg := env.ConsumeConfig("retry", Group(env.Names.Prefix, env.Name()), topicList, w.handle, maxInFlight)
	// A resumed partition waits for the fetch in flight: keep it short so
	// a due record is not held up to 5s behind an empty tier.
	cfg.DueAt, cfg.Now, cfg.FetchMaxWait = DueAt, env.Now, 250*time.Millisecond
	cons, out, err := env.Consume(cfg, nil, opts...)
	if err != nil {
		return nil, err
	}
	w.cons, w.out = cons, out
	return w, nil
}

// Run works until ctx ends, keeping the waiting-records gauge current.
func (w *Worker) Run(ctx context.Context) error {
	gauge := w.env.Metrics.RetryWaiting.WithLabelValues(w.env.Name())
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				gauge.Set(float64(w.cons.Waiting()))
			}
		}
	}()
	return w.cons.Run(ctx)
}

// DueAt reads leadgen.due.at; a record without one is due at once.
func DueAt(r *kgo.Record) time.Time {
	t, err := time.Parse(time.RFC3339, route.Header(r, route.HeaderDueAt))
	if err != nil {
		return time.Time{}
	}
	return t
}

func (w *Worker) handle(ctx context.Context, rec *kgo.Record) error {
	attempt := worker.AttemptOf(rec) + 1
	req, err := schemas.DecodeCompanyRequest(rec.Value)
	if err != nil {
		return w.out.DeadLetter(ctx, rec, attempt, failure.New(failure.Undecodable, err))
	}
	// The input worker let only valid requests through, but a retry
	// topic also takes replays and anyone's writes: no API call is made
	// for a request over the input limits, whatever its way here.
	if err := requestcheck.Check(req); err != nil {
		return w.out.DeadLetter(ctx, rec, attempt, failure.New(failure.Invalid, err))
	}
	tier, ok := w.tiers[rec.Topic]
	if !ok {
		return fmt.Errorf("record from %s, not one of this worker's tiers", rec.Topic)
	}
	res, err := w.env.Attempt(ctx, req, worker.Expected(req.Providers, w.env.Enabled))
	if worker.Interrupted(ctx, err) {
		return fmt.Errorf("lookup of %s interrupted: %w", req.RequestID, err)
	}
	if err != nil {
		return w.out.Route(ctx, rec, attempt, tier, err)
	}
	return w.out.Emit(ctx, rec, res)
}

// Joined says whether the worker has joined its consumer group.
func (w *Worker) Joined() bool { return w.cons.Joined() }

// Group is the worker's consumer group.
func (w *Worker) Group() string { return w.cons.Group() }
