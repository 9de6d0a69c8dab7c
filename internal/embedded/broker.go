// Package embedded runs an in-process Kafka-protocol broker (franz-go's
// kfake) with leadgen's topic catalogue, for `leadgen dev`, `leadgen broker`
// and tests. Any Kafka client can talk to it, in plaintext or, when
// configured, over TLS and with SASL/SCRAM users.
//
// kfake keeps every record in memory, so the broker bounds what it holds:
// every topic gets a retention.bytes cap applied on a timer. It does not
// run compaction: kfake compacts past open transactions, where Kafka stops
// at the last stable offset, which could drop a committed lead or state
// record in favour of one a later abort discards.
package embedded

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Config configures the embedded broker.
type Config struct {
	// Listen is host:port; port 0 picks a free one (default 127.0.0.1:0).
	Listen string
	// DataDir persists the log across restarts when set.
	DataDir string
	// Topics shapes the catalogue created at start.
	Topics topics.Config
	// MaxPartitionBytes caps each partition's retained bytes (default
	// 64 MiB), keeping memory bounded under long runs.
	MaxPartitionBytes int64
	// CleanupInterval is how often retention runs (default 5s).
	CleanupInterval time.Duration
	// TLSCert and TLSKey are PEM files of the broker's certificate and
	// key; with them the broker speaks TLS only. Both or neither.
	TLSCert string
	TLSKey  string
	// SCRAMUsers, name to password, turn SASL on: every connection must
	// then log in as one of them with SCRAM-SHA-512 or SCRAM-SHA-256.
	// They are superusers; the broker enforces no ACLs.
	SCRAMUsers map[string]kclient.Secret
}

func (c *Config) setDefaults() {
	if c.Listen == "" {
		c.Listen = "127.0.0.1:0"
	}
	if c.MaxPartitionBytes == 0 {
		c.MaxPartitionBytes = 64 << 20
	}
	if c.CleanupInterval == 0 {
		c.CleanupInterval = 5 * time.Second
	}
}

// Broker is a running embedded broker.
type Broker struct {
	// Repaired counts the transactions a crash had left open in the data
	// dir, which Start ended with abort markers.
	Repaired int

	cluster *kfake.Cluster
	sec     security
	stop    chan struct{}
	done    chan struct{}
}

// Start starts the broker and applies the topic catalogue.
func Start(ctx context.Context, cfg Config) (*Broker, error) {
	cfg.setDefaults()
	if err := cfg.Topics.Validate(); err != nil {
		return nil, fmt.Errorf("topic catalogue: %w", err)
	}
	sec, err := loadSecurity(cfg)
	if err != nil {
		return nil, err
	}
	opts, err := clusterOpts(cfg)
	if err != nil {
		return nil, err
	}
	var repaired int
	if cfg.DataDir != "" {
		if repaired, err = repairCutTransactions(ctx, cfg.DataDir); err != nil {
			return nil, err
		}
	}
	c, err := kfake.NewCluster(append(opts, sec.opts()...)...)
	if err != nil {
		return nil, fmt.Errorf("start embedded broker on %s: %w", cfg.Listen, err)
	}
	b := &Broker{cluster: c, sec: sec, stop: make(chan struct{}), done: make(chan struct{}), Repaired: repaired}
	if err := b.prepare(ctx, cfg); err != nil {
		c.Close()
		return nil, err
	}
	go b.cleanup(cfg.CleanupInterval)
	return b, nil
}

// prepare readies a started cluster for clients: the handshake librdkafka
// looks for when SASL is on, then the topic catalogue.
func (b *Broker) prepare(ctx context.Context, cfg Config) error {
	kc, extra := b.sec.selfClient(kclient.Config{Brokers: b.Addrs(), ClientID: "leadgen-broker"})
	cl, err := kclient.New(kc, extra...)
	if err != nil {
		return err
	}
	defer cl.Close()
	if len(b.sec.users) > 0 {
		if err := advertiseHandshakeV0(ctx, b.cluster, cl); err != nil {
			return err
		}
	}
	return applyCatalogue(ctx, cl, cfg)
}

func clusterOpts(cfg Config) ([]kfake.Opt, error) {
	host, port, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen address %q: %w", cfg.Listen, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return nil, fmt.Errorf("listen port %q: %w", port, err)
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(p),
		kfake.DefaultNumPartitions(6),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) {
			return net.Listen(network, net.JoinHostPort(host, port))
		}),
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
	}
	return opts, nil
}

// applyCatalogue creates the catalogue's topics, each capped at the
// broker's retention.bytes.
func applyCatalogue(ctx context.Context, cl *kgo.Client, cfg Config) error {
	tc := cfg.Topics
	tc.Extra = map[string]string{"retention.bytes": strconv.FormatInt(cfg.MaxPartitionBytes, 10)}
	for k, v := range cfg.Topics.Extra {
		tc.Extra[k] = v
	}
	if _, err := topics.Apply(ctx, cl, topics.Catalogue(tc), -1); err != nil {
		return fmt.Errorf("apply topic catalogue: %w", err)
	}
	return nil
}

func (b *Broker) cleanup(every time.Duration) {
	defer close(b.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			b.cluster.ApplyRetention()
		}
	}
}

// Cluster is the kfake cluster behind the broker, for tests that inject
// faults into its request handling (kfake's ControlKey).
func (b *Broker) Cluster() *kfake.Cluster { return b.cluster }

// Addrs are the broker's listen addresses, host:port.
func (b *Broker) Addrs() []string { return b.cluster.ListenAddrs() }

// Close stops the broker; with a data dir its state is flushed to disk.
func (b *Broker) Close() {
	close(b.stop)
	<-b.done
	b.cluster.Close()
}
