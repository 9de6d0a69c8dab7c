package provider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/leadgen/leadgen/internal/consume"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Config configures the worker that runs one provider.
type Config struct {
	Provider Provider
	Names    topics.Names
	// Enabled are every enabled provider's names (LEADGEN_PROVIDERS); they
	// decide the expected providers of a request that names none.
	Enabled []string
	// Timeout bounds one lookup (default 15s).
	Timeout time.Duration
	// MaxInFlight bounds concurrent lookups (default 256).
	MaxInFlight int
	Metrics     *metrics.Metrics
	Logger      *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

func (c *Config) setDefaults() {
	if c.Timeout == 0 {
		c.Timeout = 15 * time.Second
	}
	if c.Metrics == nil {
		c.Metrics = metrics.New()
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Validate reports a config that cannot run.
func (c *Config) Validate() error {
	if c.Provider == nil {
		return errors.New("provider worker: no provider")
	}
	if !slices.Contains(c.Enabled, c.Provider.Name()) {
		return fmt.Errorf("provider worker: %s is not among the enabled providers %v", c.Provider.Name(), c.Enabled)
	}
	return nil
}

// Group is the consumer group of a provider's worker.
func Group(prefix, provider string) string { return prefix + "leadgen-provider-" + provider }

// Worker consumes company-requests for one provider and writes one
// DiscoveryResult per request it is expected to answer.
type Worker struct {
	cfg  Config
	name string
	cons *consume.Consumer
}

// New builds a worker; opts carry the connection (see kclient).
func New(cfg Config, opts ...kgo.Opt) (*Worker, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	w := &Worker{cfg: cfg, name: cfg.Provider.Name()}
	cons, err := consume.New(consume.Config{
		Group:       Group(cfg.Names.Prefix, w.name),
		Topics:      []string{cfg.Names.Requests()},
		Handler:     w.handle,
		MaxInFlight: cfg.MaxInFlight,
		Logger:      cfg.Logger.With("provider", w.name),
	}, opts...)
	if err != nil {
		return nil, err
	}
	w.cons = cons
	return w, nil
}

// Run works until ctx ends, then finishes or hands back in-flight records.
func (w *Worker) Run(ctx context.Context) error { return w.cons.Run(ctx) }

func (w *Worker) handle(ctx context.Context, rec *kgo.Record) error {
	req, err := schemas.DecodeCompanyRequest(rec.Value)
	if err != nil {
		return w.undecodable(ctx, rec, err)
	}
	expected := Expected(req.Providers, w.cfg.Enabled)
	if len(expected) == 0 {
		return w.noProvider(ctx, rec, req)
	}
	if !slices.Contains(expected, w.name) {
		return nil
	}
	gauge := w.cfg.Metrics.InFlight.WithLabelValues(w.name)
	gauge.Inc()
	res := w.lookup(ctx, req, expected)
	gauge.Dec()
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: leave the record for the next owner
	}
	return w.emitOrDeadLetter(ctx, rec, res)
}

// emitOrDeadLetter writes the result, retrying the write (never the
// lookup, which costs an API call) until the broker takes it. A result the
// broker refuses for good (too large, not authorised) sends the request to
// the dead-letter topic instead, so the partition moves on.
func (w *Worker) emitOrDeadLetter(ctx context.Context, rec *kgo.Record, res *schemas.DiscoveryResult) error {
	b := backoff.NewExponentialBackOff()
	b.MaxInterval = 5 * time.Second
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		err := w.emit(ctx, res)
		if err != nil && !retriable(err) {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(b), backoff.WithMaxElapsedTime(0))
	if err == nil || ctx.Err() != nil {
		return err
	}
	w.cfg.Logger.Error("result refused by the broker; request sent to the dead-letter topic", "request_id", res.RequestID, "err", err)
	return w.deadLetter(ctx, rec, failure.Permanent, err)
}

// retriable says whether a produce error may pass: Kafka's own retriable
// codes, and errors without a Kafka code (connection trouble).
func retriable(err error) bool {
	var ke *kerr.Error
	if errors.As(err, &ke) {
		return ke.Retriable
	}
	return true
}

func (w *Worker) lookup(ctx context.Context, req *schemas.CompanyRequest, expected []string) *schemas.DiscoveryResult {
	start := w.cfg.Now()
	callCtx, cancel := context.WithTimeout(ctx, w.cfg.Timeout)
	res, err := w.cfg.Provider.Lookup(callCtx, req)
	cancel()
	latency := w.cfg.Now().Sub(start)
	outcome := outcomeOf(res, err)
	w.cfg.Metrics.ProviderCalls.WithLabelValues(w.name, outcome).Inc()
	w.cfg.Metrics.ProviderLatency.WithLabelValues(w.name, outcome).Observe(latency.Seconds())
	if err != nil {
		res = failed(err)
		w.cfg.Logger.Warn("provider lookup failed", "provider", w.name, "request_id", req.RequestID,
			"class", failure.ClassOf(err), "err", route.Message(err))
	}
	res.RequestID, res.Provider = req.RequestID, w.name
	res.FetchedAt, res.LatencyMs = w.cfg.Now().UTC(), latency.Milliseconds()
	res.ExpectedProviders = expected
	res.CompanyName, res.CompanyNumber, res.RequestedAt = req.CompanyName, req.CompanyNumber, req.RequestedAt
	return res
}

// failed is the result of a lookup that ended in an error: no people, and
// the error's class and scrubbed text.
func failed(err error) *schemas.DiscoveryResult {
	msg := fmt.Sprintf("%s: %s", failure.ClassOf(err), route.Message(err))
	return &schemas.DiscoveryResult{Status: schemas.StatusFailed, Layer: schemas.LayerNone, Error: &msg}
}

func outcomeOf(res *schemas.DiscoveryResult, err error) string {
	if err != nil {
		return string(failure.ClassOf(err))
	}
	return strings.ToLower(string(res.Status))
}

func (w *Worker) emit(ctx context.Context, res *schemas.DiscoveryResult) error {
	val, err := schemas.EncodeDiscoveryResult(res)
	if err != nil {
		return fmt.Errorf("encode result of %s: %w", res.RequestID, err)
	}
	out := &kgo.Record{Topic: w.cfg.Names.Results(), Key: []byte(res.RequestID), Value: val}
	if err := w.cons.Client().ProduceSync(ctx, out).FirstErr(); err != nil {
		return fmt.Errorf("produce result of %s: %w", res.RequestID, err)
	}
	return nil
}
