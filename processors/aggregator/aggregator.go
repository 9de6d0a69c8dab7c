// Package aggregator joins discovery results by request, and emits a
// deduplicated, scored EnrichedLead once every expected provider has
// reported, and a new version when a late result changes it.
//
// Exactly-once in effect (DESIGN §8): each poll batch is one Kafka
// transaction holding the leads, the state changes (a compacted changelog,
// partitioned like discovery-results) and the consumed offsets. A crash
// aborts the open transaction; the next owner of a partition restores its
// state from the changelog's committed records and re-reads from the
// committed offset, so it emits exactly what a run without the crash would.
package aggregator

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Config configures the aggregator.
type Config struct {
	Names topics.Names
	// InstanceID makes the transactional id stable across restarts of one
	// instance, so a restart fences and aborts its predecessor's open
	// transaction at once instead of after the transaction timeout
	// (default: the host name).
	InstanceID string
	Metrics    *metrics.Metrics
	Logger     *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

func (c *Config) setDefaults() {
	if c.InstanceID == "" {
		c.InstanceID, _ = os.Hostname()
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

// Group is the aggregator's consumer group.
func Group(prefix string) string { return prefix + "leadgen-aggregator" }

// Aggregator is one member of the aggregator group.
type Aggregator struct {
	cfg   Config
	opts  []kgo.Opt
	sess  *kgo.GroupTransactSession
	mu    sync.Mutex
	state map[string]*entry // request id → state, for owned partitions
}

// New builds an aggregator; opts carry the connection (see kclient).
func New(cfg Config, opts ...kgo.Opt) (*Aggregator, error) {
	cfg.setDefaults()
	a := &Aggregator{cfg: cfg, opts: opts, state: map[string]*entry{}}
	n := cfg.Names
	sessOpts := append(append([]kgo.Opt{}, opts...),
		kgo.TransactionalID(n.Prefix+"leadgen-aggregator-"+cfg.InstanceID),
		kgo.TransactionTimeout(20*time.Second),
		kgo.ConsumerGroup(Group(n.Prefix)),
		kgo.ConsumeTopics(n.Results()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.RequireStableFetchOffsets(),
		kgo.RecordPartitioner(statePartitioner(n.AggregatorState())),
		kgo.OnPartitionsAssigned(a.assigned),
		kgo.OnPartitionsRevoked(a.dropped),
		kgo.OnPartitionsLost(a.dropped),
	)
	sess, err := kgo.NewGroupTransactSession(sessOpts...)
	if err != nil {
		return nil, fmt.Errorf("aggregator session: %w", err)
	}
	a.sess = sess
	return a, nil
}

// Run aggregates until ctx ends; the open transaction is then aborted and
// its records re-read by the next owner.
func (a *Aggregator) Run(ctx context.Context) error {
	defer a.sess.Close()
	for {
		fetches := a.sess.PollFetches(ctx)
		if ctx.Err() != nil || fetches.IsClientClosed() {
			return nil
		}
		fetches.EachError(func(t string, p int32, err error) {
			a.cfg.Logger.Warn("fetch error", "topic", t, "partition", p, "err", err)
		})
		if fetches.NumRecords() == 0 {
			continue
		}
		if err := a.batch(ctx, fetches); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
	}
}

// batch applies one poll's records in one transaction. The state changes
// are staged and kept only if the transaction commits.
func (a *Aggregator) batch(ctx context.Context, fetches kgo.Fetches) error {
	if err := a.sess.Begin(); err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	tx := newTxn(a, ctx)
	fetches.EachRecord(tx.apply)
	if err := a.sess.Client().Flush(ctx); err != nil {
		tx.fail(fmt.Errorf("flush: %w", err))
	}
	end := kgo.TryCommit
	if err := tx.failed(); err != nil {
		a.cfg.Logger.Error("aggregator batch failed; aborting it for a retry", "err", err)
		end = kgo.TryAbort
	}
	committed, err := a.sess.End(ctx, end)
	if err != nil {
		return fmt.Errorf("end transaction: %w", err)
	}
	if committed {
		tx.publish()
	}
	return nil
}
