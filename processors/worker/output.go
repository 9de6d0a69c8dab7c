package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Output writes what a worker decided: results, routed copies and dead
// letters. Every write is acknowledged by the broker before it returns nil.
type Output struct {
	env *Env
	cl  *kgo.Client
	// onFlood is called when dead letters pass the flood guard's rate.
	onFlood func(time.Duration)
}

// NewOutput writes with cl.
func NewOutput(env *Env, cl *kgo.Client, onFlood func(time.Duration)) *Output {
	return &Output{env: env, cl: cl, onFlood: onFlood}
}

// Emit writes a result, retrying the write (never the lookup, which costs
// an API call) until the broker takes it. A result the broker refuses for
// good (too large, not authorised) sends src to the dead-letter topic
// instead, so the partition moves on.
func (o *Output) Emit(ctx context.Context, src *kgo.Record, res *schemas.DiscoveryResult) error {
	b := backoff.NewExponentialBackOff()
	b.MaxInterval = 5 * time.Second
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		err := o.emit(ctx, res)
		if err != nil && !retriable(err) {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(b), backoff.WithMaxElapsedTime(0))
	if err == nil {
		o.resolve(ctx, src, res)
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	o.env.Logger.Error("result refused by the broker; request sent to the dead-letter topic", "request_id", res.RequestID, "err", err)
	attempt := attemptOf(src)
	if o.fromInput(src) {
		attempt = 1 // a leadgen.attempt header on an input record is its producer's
	}
	return o.DeadLetter(ctx, src, attempt, failure.New(failure.Permanent, err))
}

// resolve records in the dead-letter state topic that a replayed request
// was answered, once its result is acknowledged. A failed result (the
// fallback found nothing) resolves nothing: its request is dead-lettered
// again. A state write that fails is logged, not retried: the result is
// delivered, and the letter only stays "replayed" in `dlq list`.
func (o *Output) resolve(ctx context.Context, src *kgo.Record, res *schemas.DiscoveryResult) {
	key, rec, ok := letterstate.ResolvedBy(src, o.env.Now())
	if !ok || res.Layer == schemas.LayerNone || res.Status == schemas.StatusFailed {
		return
	}
	log := o.env.Logger.With("provider", rec.Provider, "request_id", res.RequestID, "replay_id", rec.ReplayID)
	if err := letterstate.Write(ctx, o.cl, o.env.Names.DLQState(), map[string]letterstate.Record{key: rec}); err != nil {
		log.Warn("replayed request answered, but its dead letter could not be marked resolved", "err", err)
		return
	}
	log.Info("replayed request answered; dead letter resolved")
}

func (o *Output) emit(ctx context.Context, res *schemas.DiscoveryResult) error {
	val, err := schemas.EncodeDiscoveryResult(res)
	if err != nil {
		return backoff.Permanent(fmt.Errorf("encode result of %s: %w", res.RequestID, err))
	}
	out := &kgo.Record{Topic: o.env.Names.Results(), Key: []byte(res.RequestID), Value: val}
	if err := o.cl.ProduceSync(ctx, out).FirstErr(); err != nil {
		return fmt.Errorf("produce result of %s: %w", res.RequestID, err)
	}
	return nil
}

// retriable says whether a produce error may pass: Kafka's own retriable
// codes, and errors without a Kafka code (connection trouble).
func retriable(err error) bool {
	var perm *backoff.PermanentError
	if errors.As(err, &perm) {
		return false
	}
	var ke *kerr.Error
	if errors.As(err, &ke) {
		return ke.Retriable
	}
	return true
}

// Route sends src onward after attempt number attempt, run from retry tier
// tier (-1: the input), failed with err: to a retry tier, the fallback
// topic or the dead-letter topic, per DESIGN §7.
func (o *Output) Route(ctx context.Context, src *kgo.Record, attempt, tier int, err error) error {
	class := failure.ClassOf(err)
	d := route.Decide(class, tier, failure.RetryAfterOf(err), o.env.Tiers)
	now := o.env.Now()
	f := route.Failure{Provider: o.env.Name(), Attempt: attempt, Class: class, Err: err, FromInput: o.fromInput(src)}
	var dst, label string
	switch d.Kind {
	case route.ToDeadLetter:
		return o.DeadLetter(ctx, src, attempt, err)
	case route.ToFallback:
		dst, label = o.env.Names.Fallback(o.env.Name()), "fallback"
	default:
		delay := o.env.Tiers[d.Tier]
		dst, label = o.env.Names.Retry(o.env.Name(), delay), "retry."+topics.FormatDelay(delay)
		f.DueAt = now.Add(delay)
	}
	if perr := o.cl.ProduceSync(ctx, route.Record(src, dst, f, now)).FirstErr(); perr != nil {
		return fmt.Errorf("route to %s: %w", dst, perr)
	}
	o.env.Metrics.Routed.WithLabelValues(o.env.Name(), label, string(class)).Inc()
	o.env.Logger.Info("request routed", "provider", o.env.Name(), "request_id", string(src.Key),
		"class", class, "attempt", attempt, "to", dst)
	return nil
}

// DeadLetter sends src, untouched, to the dead-letter topic.
func (o *Output) DeadLetter(ctx context.Context, src *kgo.Record, attempt int, cause error) error {
	class := failure.ClassOf(cause)
	f := route.Failure{Provider: o.env.Name(), Attempt: attempt, Class: class, Err: cause, FromInput: o.fromInput(src)}
	out := route.Record(src, o.env.Names.DLQ(), f, o.env.Now())
	if err := o.cl.ProduceSync(ctx, out).FirstErr(); err != nil {
		return fmt.Errorf("dead-letter %s offset %d: %w", src.Topic, src.Offset, err)
	}
	o.env.Metrics.DeadLetters.WithLabelValues(o.env.Name(), string(class)).Inc()
	o.env.Metrics.Routed.WithLabelValues(o.env.Name(), "dlq", string(class)).Inc()
	o.env.Logger.Warn("request dead-lettered", "provider", o.env.Name(), "request_id", string(src.Key),
		"class", class, "attempt", attempt, "err", route.Message(cause))
	if o.env.Flood.Hit(o.env.Now()) && o.onFlood != nil {
		o.onFlood(o.env.Flood.Cooldown)
	}
	return nil
}

// fromInput says whether src was read from company-requests, where any
// leadgen header is its producer's, not leadgen's.
func (o *Output) fromInput(src *kgo.Record) bool { return src.Topic == o.env.Names.Requests() }

// attemptOf reads how many attempts a routed record has had (0 for an
// input record).
func attemptOf(r *kgo.Record) int {
	var n int
	fmt.Sscan(route.Header(r, route.HeaderAttempt), &n)
	return n
}

// AttemptOf is attemptOf for the retry and fallback workers.
func AttemptOf(r *kgo.Record) int { return attemptOf(r) }
