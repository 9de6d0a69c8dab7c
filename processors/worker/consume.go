package worker

import (
	"time"

	"github.com/leadgen/leadgen/internal/consume"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ConsumeConfig is the consumer of one of the provider's workers (input,
// retry or fallback): group and topics, handler h and the in-flight bound
// are the worker's; the logger, naming the provider and the worker role
// ("" for the input worker), and the shutdown bound come from the
// environment.
func (e *Env) ConsumeConfig(role, group string, topics []string, h consume.Handler, maxInFlight int) consume.Config {
	log := e.Logger.With("provider", e.Name())
	if role != "" {
		log = log.With("worker", role)
	}
	return consume.Config{Group: group, Topics: topics, Handler: h, MaxInFlight: maxInFlight, Logger: log,
		ShutdownTimeout: e.ShutdownTimeout}
}

// Consume builds the consumer cfg describes, opts carrying the
// connection, and the worker's output on the consumer's client; onFlood
// (may be nil) is the output's.
func (e *Env) Consume(cfg consume.Config, onFlood func(time.Duration), opts ...kgo.Opt) (*consume.Consumer, *Output, error) {
	cons, err := consume.New(cfg, opts...)
	if err != nil {
		return nil, nil, err
	}
	return cons, NewOutput(e, cons.Client(), onFlood), nil
}
