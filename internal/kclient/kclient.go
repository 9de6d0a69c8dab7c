// Package kclient builds franz-go clients with leadgen's connection and
// producer settings, so every role talks to Kafka the same way.
package kclient

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Config is how to reach the cluster.
type Config struct {
	// Brokers are the seed brokers, host:port.
	Brokers []string
	// ClientID names the process in broker logs and quotas.
	ClientID string
}

// ParseBrokers splits a comma-separated broker list.
func ParseBrokers(s string) []string {
	var out []string
	for _, b := range strings.Split(s, ",") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// Validate reports a missing or malformed broker list.
func (c Config) Validate() error {
	if len(c.Brokers) == 0 {
		return errors.New("no brokers: set --brokers or LEADGEN_BROKERS (host:port,...)")
	}
	for _, b := range c.Brokers {
		if !strings.Contains(b, ":") {
			return fmt.Errorf("broker %q: want host:port", b)
		}
	}
	return nil
}

// Opts returns the connection options plus leadgen's producer defaults:
// acks from all in-sync replicas and idempotent writes (franz-go's
// defaults, stated here so nobody weakens them by accident), and a short
// linger so concurrent handlers share batches.
func (c Config) Opts() []kgo.Opt {
	id := c.ClientID
	if id == "" {
		id = "leadgen"
	}
	return []kgo.Opt{
		kgo.SeedBrokers(c.Brokers...),
		kgo.ClientID(id),
		kgo.RequiredAcks(kgo.AllISRAcks()),
		kgo.ProducerLinger(2 * time.Millisecond),
		kgo.ProducerBatchCompression(kgo.NoCompression()),
	}
}

// New validates c and returns a client with its options plus extra.
func New(c Config, extra ...kgo.Opt) (*kgo.Client, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cl, err := kgo.NewClient(append(c.Opts(), extra...)...)
	if err != nil {
		return nil, fmt.Errorf("kafka client: %w", err)
	}
	return cl, nil
}
