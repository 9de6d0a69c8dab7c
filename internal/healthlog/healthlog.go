// Package healthlog shares provider health between processes through
// Kafka: every worker process publishes its providers' health (state,
// breaker, success rate) to the compacted leadgen-provider-health topic,
// and `leadgen dlq replay` and the console read it, so an operator's tool
// knows whether a provider is fit for a replay without being told where
// the workers run.
package healthlog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/twmb/franz-go/pkg/kgo"
)

// DefaultEvery is how often a process publishes; a snapshot is fresh for
// three periods, so one lost write does not make a provider unknown.
const DefaultEvery = 5 * time.Second

// Snapshot is one process's view of one provider's health.
type Snapshot struct {
	health.Provider
	Name     string    `json:"provider"`
	Instance string    `json:"instance"`
	At       time.Time `json:"at"`
	// FreshUntil is when the snapshot stops speaking for the process: it
	// has not published since and may be gone.
	FreshUntil time.Time `json:"fresh_until"`
}

// Publisher writes a process's provider health every Every (default
// DefaultEvery), with the clock Now (default time.Now).
type Publisher struct {
	Client   *kgo.Client
	Topic    string
	Instance string
	Health   *health.Registry
	Every    time.Duration
	Now      func() time.Time
}

// Run publishes until ctx ends; a failed write is retried at the next
// period (the snapshots say when they go stale), so it never stops a role.
func (p Publisher) Run(ctx context.Context, onErr func(error)) error {
	p.setDefaults()
	tick := time.NewTicker(p.Every)
	defer tick.Stop()
	for {
		if err := p.Publish(ctx); err != nil && ctx.Err() == nil && onErr != nil {
			onErr(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

func (p *Publisher) setDefaults() {
	if p.Every <= 0 {
		p.Every = DefaultEvery
	}
	if p.Now == nil {
		p.Now = time.Now
	}
}

// Publish writes one snapshot per provider and waits for the broker.
func (p Publisher) Publish(ctx context.Context) error {
	p.setDefaults()
	now := p.Now()
	var recs []*kgo.Record
	for name, h := range p.Health.Providers() {
		s := Snapshot{Provider: h, Name: name, Instance: p.Instance, At: now, FreshUntil: now.Add(3 * p.Every)}
		val, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("encode health of %s: %w", name, err)
		}
		recs = append(recs, &kgo.Record{Topic: p.Topic, Key: []byte(name + "/" + p.Instance), Value: val})
	}
	if len(recs) == 0 {
		return nil
	}
	if err := p.Client.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		return fmt.Errorf("publish provider health to %s: %w", p.Topic, err)
	}
	return nil
}

// Read returns the latest snapshot of every provider and process in
// topic, fresh or not.
func Read(ctx context.Context, opts []kgo.Opt, topic string) ([]Snapshot, error) {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", topic, err)
	}
	defer cl.Close()
	r := stableread.Reader{Client: cl}
	spans, err := r.All(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", topic, err)
	}
	latest := map[string]Snapshot{}
	_, err = r.Read(ctx, topic, spans, func(rec *kgo.Record) error {
		var s Snapshot
		if rec.Value == nil {
			delete(latest, string(rec.Key))
		} else if json.Unmarshal(rec.Value, &s) == nil && s.Name != "" {
			latest[string(rec.Key)] = s
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", topic, err)
	}
	out := make([]Snapshot, 0, len(latest))
	for _, s := range latest {
		out = append(out, s)
	}
	return out, nil
}

// Verdict is what the fresh snapshots say about one provider.
type Verdict struct {
	Provider string
	// Reporting counts the processes whose snapshot is fresh.
	Reporting int
	// Unfit says a fresh snapshot has the breaker open or the provider
	// UNHEALTHY; Reason says which and where.
	Unfit  bool
	Reason string
}

// Judge reads the fresh snapshots of provider at now. A provider no
// process reports on is not unfit: nothing is known against it.
func Judge(snaps []Snapshot, provider string, now time.Time) Verdict {
	v := Verdict{Provider: provider}
	for _, s := range snaps {
		if s.Name != provider || now.After(s.FreshUntil) {
			continue
		}
		v.Reporting++
		if v.Unfit {
			continue
		}
		switch {
		case s.Breaker == "open":
			v.Unfit, v.Reason = true, fmt.Sprintf("its breaker is open on %s (success rate %.2f over %d lookups)", s.Instance, s.SuccessRate, s.Lookups)
		case s.State == health.Unhealthy:
			v.Unfit, v.Reason = true, fmt.Sprintf("it is %s on %s (success rate %.2f over %d lookups)", s.State, s.Instance, s.SuccessRate, s.Lookups)
		}
	}
	if v.Reporting == 0 {
		v.Reason = "no worker has reported its health lately"
	}
	return v
}
