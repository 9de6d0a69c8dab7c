// Package aggregator joins discovery results by request, merges the
// requests for one company, and emits a deduplicated, scored EnrichedLead
// per company, with a new version whenever a result changes it.
//
// It runs in two stages, in one consumer group and one transactional
// session:
//
//   - the request stage reads discovery-results (keyed by request_id) and
//     keeps each request's results (state.go). Once every expected
//     provider has reported, and whenever a late result changes what they
//     say, it sends the request's results to an internal topic keyed by
//     lead_key (topics.Names.LeadResults);
//   - the lead stage (merge.go) reads that topic, so every request for one
//     company reaches one owner, whichever process joined the request. Per
//     lead_key it keeps the newest result of each provider and the last
//     version, and writes the next version of the lead to enriched-leads.
//
// Two requests for one company can be joined by different processes
// (discovery-results partitions), so numbering versions where they are
// joined could not be monotonic; one owner per lead_key makes a lead's
// version strictly increase, in enriched-leads offset order, across
// requests, restarts and processes. The merge rules: a provider's newer
// result (by fetched_at) replaces its older one, except that a failure
// does not replace an answer younger than Config.EvidenceMaxAge; a lead is
// built from the results of the request just merged and from every other
// provider's last answer younger than that bound, so a narrower re-request
// keeps what the earlier ones found and providers_ok does not shrink. The
// lead stage's state is never evicted (a version must not restart): per
// company ever led, it holds the results its lead is built from, at most
// one per provider (about 2 KB each), and the version.
//
// Exactly-once in effect (DESIGN §8): each poll batch is one Kafka
// transaction holding the stage's outputs, its state changes (a compacted
// changelog per stage, partitioned like its input) and the consumed
// offsets. A crash aborts the open transaction; the next owner of a
// partition restores its state from the changelog's committed records,
// after the group's stable offsets are fetched, and re-reads from those
// offsets, so it emits exactly what a run without the crash would.
//
// The state lives on disk (store.go, over package statestore), not on the
// heap: a committed transaction's state is applied to a local store with
// the changelog offset it reached, and a restore replays the changelog
// from there only (replay.go), or from its start when the store cannot be
// trusted.
package aggregator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/shutdown"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Config configures the aggregator.
type Config struct {
	Names topics.Names
	// Enabled providers (LEADGEN_PROVIDERS) are expected when a result
	// does not say which providers its request expects.
	Enabled []string
	// InstanceID makes the transactional id stable across restarts of one
	// instance, so a restart fences and aborts its predecessor's open
	// transaction at once instead of after the transaction timeout
	// (default: the host name).
	InstanceID string
	Metrics    *metrics.Metrics
	Logger     *slog.Logger
	// Retention is how long a request's state is kept after its last
	// result (default 7 days). A result arriving later, such as a replay,
	// finds no state: it starts the request afresh. The state store holds
	// the requests of this window on disk; memory holds only the hot ones.
	Retention time.Duration
	// EvidenceMaxAge is how old a provider's answer may be and still stand
	// in a company's lead when a later request for the company did not
	// ask that provider, or its answer failed (default
	// DefaultEvidenceMaxAge, the cache's max-stale: the oldest result the
	// fallback serves).
	EvidenceMaxAge time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// SessionOpts, when set, gives options for each transactional
	// session's client only, not the state and erasure readers (e.g.
	// per-client metric hooks, which must not be shared by two clients).
	SessionOpts func() []kgo.Opt
	// StateDir is the directory under which the local state store lives,
	// in a subdirectory named for the topic prefix and the instance id,
	// so two aggregators on one host keep apart; "" keeps it in memory,
	// so every start rebuilds it from the changelogs.
	StateDir string
	// StateCacheBytes bounds the memory of decoded hot states (default
	// DefaultStateCacheBytes); an eighth of it again goes to the store's
	// block cache.
	StateCacheBytes int64
	// ShutdownTimeout bounds Run's stop, from the end of its context to
	// its return, even with the brokers gone (default
	// shutdown.DefaultTimeout, 30s): ending the open transaction gets all
	// of it but the deadline's reserve, leaving the group the reserve.
	ShutdownTimeout time.Duration
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
	if c.Retention == 0 {
		c.Retention = 7 * 24 * time.Hour
	}
	if c.EvidenceMaxAge == 0 {
		c.EvidenceMaxAge = DefaultEvidenceMaxAge
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = shutdown.DefaultTimeout
	}
	if c.StateCacheBytes == 0 {
		c.StateCacheBytes = DefaultStateCacheBytes
	}
}

// storeDir is the state store's directory, "" for memory.
func (c *Config) storeDir() string {
	if c.StateDir == "" {
		return ""
	}
	return filepath.Join(c.StateDir, c.Names.Prefix+"aggregator-"+c.InstanceID)
}

// DefaultEvidenceMaxAge is the default of Config.EvidenceMaxAge: a week,
// the cache's max-stale.
const DefaultEvidenceMaxAge = 7 * 24 * time.Hour

// Group is the aggregator's consumer group.
func Group(prefix string) string { return prefix + "leadgen-aggregator" }

// Aggregator is one member of the aggregator group.
type Aggregator struct {
	cfg   Config
	opts  []kgo.Opt
	sess  *kgo.GroupTransactSession
	fatal chan error

	states *states // both stages' states (store.go)

	lastEviction time.Time
	joined       atomic.Bool
	closing      atomic.Bool // the session is closing: revoked partitions keep their state
	lingering    atomic.Bool // a session's client was left closing in the background
	erased       *erasure.Set
	limits       limits
	quarantine   quarantine
	progress     progress
	waiting      waitlist // requests held for a missing provider (waiting.go)
	sweep        sweep    // erasure work due on lead partitions (erase.go)
	scrub        sweep    // erasure work due on request partitions (scrub.go)
	// deadline bounds the stop once Run's context ends; set by Run.
	deadline *shutdown.Deadline
}

// New builds an aggregator and opens its state store; opts carry the
// connection (see kclient). Run closes the store when it returns.
func New(cfg Config, opts ...kgo.Opt) (*Aggregator, error) {
	cfg.setDefaults()
	a := &Aggregator{cfg: cfg, opts: opts, fatal: make(chan error, 1), erased: erasure.NewSet()}
	var err error
	if a.states, err = openStates(cfg.storeDir(), cfg.StateCacheBytes, cfg); err != nil {
		return nil, err
	}
	cfg.Metrics.SetAggregatorStall(a.Stalled)
	cfg.Metrics.SetAggregatorWaiting(a.Waiting)
	cfg.Metrics.SetAggregatorState(a.states.stats)
	if a.sess, err = a.newSession(); err != nil {
		return nil, errors.Join(err, a.states.db.Close())
	}
	return a, nil
}

// fetchMaxBytes bounds what one fetch from a broker returns (a record
// larger than that still comes, alone), and so a batch's records and the
// lead and state records its transaction buffers: with franz-go's 50 MiB
// default the fetch buffers were the largest part of the heap after the
// hot states.
const fetchMaxBytes = 4 << 20

// newSession is a transactional session with the instance's transactional
// id: opening one fences every earlier producer of that id.
func (a *Aggregator) newSession() (*kgo.GroupTransactSession, error) {
	n := a.cfg.Names
	sessOpts := append([]kgo.Opt{}, a.opts...)
	if a.cfg.SessionOpts != nil {
		sessOpts = append(sessOpts, a.cfg.SessionOpts()...)
	}
	sessOpts = append(sessOpts,
		kgo.TransactionalID(n.Prefix+"leadgen-aggregator-"+a.cfg.InstanceID),
		kgo.TransactionTimeout(20*time.Second),
		kgo.ConsumerGroup(Group(n.Prefix)),
		kgo.ConsumeTopics(n.Results(), n.LeadResults()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		// franz-go group consumers always fetch offsets with
		// require_stable (KIP-447), so a committed offset pending in
		// another instance's transaction is waited for, not read early.
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.FetchMaxBytes(fetchMaxBytes),
		kgo.RecordPartitioner(statePartitioner(n.AggregatorState(), n.LeadState())),
		kgo.AdjustFetchOffsetsFn(a.restoreAssigned),
		kgo.OnPartitionsAssigned(func(context.Context, *kgo.Client, map[string][]int32) { a.joined.Store(true) }),
		kgo.OnPartitionsRevoked(a.dropped),
		kgo.OnPartitionsLost(a.dropped),
	)
	sess, err := kgo.NewGroupTransactSession(sessOpts...)
	if err != nil {
		return nil, fmt.Errorf("aggregator session: %w", err)
	}
	return sess, nil
}

// errTxn marks a transaction that could not be begun or ended: its outcome
// may be unknown (a timeout on EndTxn), so its producer is not used again.
var errTxn = errors.New("transaction failed")

// Run aggregates until ctx ends; the open transaction is then aborted and
// its records re-read by the next owner. When a transaction cannot be
// ended, the producer is re-initialised rather than reused: the session is
// closed and a new one, with the same transactional id, fences the old
// epoch, aborts whatever the failed transaction left open, rejoins and
// restores the state; so does a producer that cannot be initialised (a
// broker restarting), with a backoff between attempts of up to 10s. It
// returns an error when state cannot be restored, rather than emit leads
// without it.
func (a *Aggregator) Run(ctx context.Context) error {
	a.deadline = shutdown.After(ctx, a.cfg.ShutdownTimeout)
	defer a.deadline.Release()
	defer a.closeStore()
	if err := a.prepare(ctx); err != nil {
		a.closeSession()
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	wait := backoff.NewExponentialBackOff()
	wait.MaxInterval = 10 * time.Second
	for {
		began := time.Now()
		err := a.run(ctx)
		a.closeSession()
		if !errors.Is(err, errTxn) || ctx.Err() != nil {
			return err
		}
		if time.Since(began) > time.Minute {
			wait.Reset() // a failure after a good run is not one of a series
		}
		a.cfg.Logger.Warn("aggregator transaction failed; re-initialising its producer", "err", err)
		a.cfg.Metrics.AggregatorReinits.Inc()
		a.joined.Store(false)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait.NextBackOff()):
		}
		if a.sess, err = a.newSession(); err != nil {
			return err
		}
	}
}

// closeStore closes the state store, once the session's client is
// closed and neither a batch nor a rebalance callback can use it.
func (a *Aggregator) closeStore() {
	a.cfg.Metrics.SetAggregatorState(func() metrics.State { return metrics.State{} })
	if a.lingering.Load() {
		// Its rebalance callbacks may still use the store; the process is
		// exiting, and what the store lacks the changelogs replay.
		a.cfg.Logger.Warn("left the aggregator's state store open: its client is still closing")
		return
	}
	if err := a.states.db.Close(); err != nil {
		a.cfg.Logger.Warn("closing the aggregator's state store", "err", err)
	}
}

// closeSession leaves the group and closes the session's client, by the
// shutdown deadline once the stop has begun.
func (a *Aggregator) closeSession() {
	a.closing.Store(true)
	if !a.deadline.Close(a.sess.Client()) {
		a.lingering.Store(true)
		a.cfg.Logger.Warn("shutdown deadline: the aggregator's client is still closing; left it to finish in the background")
		return
	}
	a.closing.Store(false)
}

// prepare checks the topics, reads the largest record each output topic
// takes, and waits until the erasure set is complete.
func (a *Aggregator) prepare(ctx context.Context) error {
	if err := a.checkPartitions(ctx); err != nil {
		return err
	}
	a.loadLimits(ctx)
	return a.followErasures(ctx)
}

// loadLimits reads the output topics' max.message.bytes; without them the
// producer's own limit applies, and a refused write is still isolated.
func (a *Aggregator) loadLimits(ctx context.Context) {
	cl, err := kgo.NewClient(a.opts...)
	if err == nil {
		defer cl.Close()
		n := a.cfg.Names
		err = a.limits.load(ctx, cl, n.Leads(), n.AggregatorState(), n.LeadResults(), n.LeadState(), n.DLQ())
	}
	if err != nil && ctx.Err() == nil {
		a.cfg.Logger.Warn("topic record limits unknown; checking against the producer's", "err", err)
	}
}

// run aggregates with the current session until ctx ends or a
// transaction fails.
func (a *Aggregator) run(ctx context.Context) error {
	// Initialise the transactional producer at once: it fences a previous
	// instance and aborts its open transaction, which otherwise holds the
	// group's stable offsets (and every read_committed reader) until the
	// broker times it out, or, after a broker restart, for good.
	if _, _, err := a.sess.Client().ProducerID(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		// The broker may be restarting: try again, as after a failed
		// transaction, rather than exit.
		return fmt.Errorf("%w: init transactional producer: %w", errTxn, err)
	}
	retry := backoff.NewExponentialBackOff()
	retry.MaxInterval = 10 * time.Second
	for {
		if err := a.sweepErased(ctx); err != nil {
			return err
		}
		fetches := a.poll(ctx)
		select {
		case err := <-a.fatal:
			return err
		default:
		}
		if ctx.Err() != nil || fetches.IsClientClosed() {
			return nil
		}
		fetches.EachError(func(t string, p int32, err error) {
			a.cfg.Logger.Warn("fetch error", "topic", t, "partition", p, "err", err)
		})
		if fetches.NumRecords() == 0 {
			continue
		}
		committed, err := a.batch(ctx, fetches)
		if err != nil {
			return err
		}
		if !wait(ctx, committed, retry) {
			return nil
		}
	}
}

// followErasures keeps the erasure set current and waits until it holds
// every erasure recorded so far, so no lead is built without it.
func (a *Aggregator) followErasures(ctx context.Context) error {
	a.erased.OnNew(a.sweepOwned)
	go func() {
		if err := a.erased.Follow(ctx, a.opts, a.cfg.Names.Erasures()); err != nil {
			a.fail(err)
		}
	}()
	select {
	case <-a.erased.Ready():
		return nil
	case err := <-a.fatal:
		return err
	case <-ctx.Done():
		return nil
	}
}

// wait backs off after an aborted batch, so a batch that fails every time
// does not spin; it reports false when ctx ended.
func wait(ctx context.Context, committed bool, b *backoff.ExponentialBackOff) bool {
	if committed {
		b.Reset()
		return true
	}
	t := time.NewTimer(b.NextBackOff())
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// batch applies one poll's records in one transaction. State changes are
// staged and published only if the transaction commits. No lock is held
// while the transaction ends: the session's rebalance callbacks need to
// run meanwhile.
func (a *Aggregator) batch(ctx context.Context, fetches kgo.Fetches) (bool, error) {
	if err := a.sess.Begin(); err != nil {
		return false, fmt.Errorf("%w: begin: %w", errTxn, err)
	}
	tx := newTxn(a, ctx)
	if now := a.cfg.Now(); now.Sub(a.lastEviction) > time.Minute {
		a.lastEviction = now
		tx.evict(now.Add(-a.cfg.Retention))
	}
	fetches.EachRecord(tx.apply)
	return a.finish(ctx, tx, "aggregator batch")
}

// finish ends tx: committed with everything it wrote, or aborted when a
// record could not be written (what is named what failed, in the log); a
// committed transaction's state is published.
func (a *Aggregator) finish(ctx context.Context, tx *txn, what string) (bool, error) {
	tx.settleAll()
	if err := a.sess.Client().Flush(ctx); err != nil {
		tx.fail(fmt.Errorf("flush: %w", err))
	}
	end := kgo.TryCommit
	if err := tx.failed(); err != nil {
		a.cfg.Logger.Error(what+" failed; aborting it for a retry", "err", err)
		end = kgo.TryAbort
		if errors.Is(err, kerr.MessageTooLarge) {
			a.loadLimits(ctx) // a topic's limit may have changed
		}
	}
	// End must run to completion even when shutting down, or the open
	// transaction would hold back read_committed readers until it expires;
	// but not past the shutdown deadline's reserve, kept for leaving the
	// group. A transaction left open is aborted by the broker.
	endCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	endCtx, stop := a.deadline.Within(endCtx, a.deadline.Reserve())
	defer stop()
	committed, err := a.sess.End(endCtx, end)
	if err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, fmt.Errorf("%w: end: %w", errTxn, err)
	}
	if committed {
		tx.publish()
	}
	a.progress.batchEnded(committed, a.cfg.Now())
	return committed, nil
}

// Joined says whether the aggregator has joined its group.
func (a *Aggregator) Joined() bool { return a.joined.Load() }

func (a *Aggregator) fail(err error) {
	select {
	case a.fatal <- err:
	default:
	}
}

var errPartitionMismatch = errors.New("an aggregator state topic must have as many partitions as the topic it follows")
