package aggregator

// Restore replays a changelog into the store from the partition's
// checkpoint: only what was written since this process last applied it.
// It replays the whole changelog instead, after dropping what the store
// holds of the partition, when the store cannot be trusted to be a prefix
// of the changelog:
//
//   - it has no checkpoint (a new or deleted state dir);
//   - the changelog is another topic than the one it applied (deleted
//     and created again: its id differs);
//   - the checkpoint is below the changelog's log start (records it
//     never applied were deleted) or past its end (the log was
//     truncated);
//   - the checkpoint is older than the changelog's delete.retention.ms:
//     compaction may since have removed a tombstone the store never
//     applied, and replaying from the checkpoint would keep the deleted
//     state.
//
// The store never holds an aborted transaction's state: it applies a
// transaction's state only after the broker confirmed its commit, and a
// commit whose outcome is unknown is not applied (the store is then
// behind, which the replay covers). Replays read committed records only.

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/internal/statestore"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// changelog is what a restore needs to know of a changelog topic.
type changelog struct {
	id              [16]byte
	start, end      map[int32]int64 // log start and high watermark
	deleteRetention time.Duration
}

// defaultDeleteRetention is Kafka's delete.retention.ms when the broker
// does not say.
const defaultDeleteRetention = 24 * time.Hour

func describeChangelog(ctx context.Context, cl *kgo.Client, topic string) (changelog, error) {
	adm := kadm.NewClient(cl)
	c := changelog{start: map[int32]int64{}, end: map[int32]int64{}, deleteRetention: defaultDeleteRetention}
	details, err := adm.ListTopics(ctx, topic)
	if err == nil {
		err = details.Error()
	}
	if err != nil {
		return c, fmt.Errorf("describe %s: %w", topic, err)
	}
	c.id = details[topic].ID
	starts, err := adm.ListStartOffsets(ctx, topic)
	if err == nil {
		err = starts.Error()
	}
	ends, err2 := adm.ListEndOffsets(ctx, topic)
	if err == nil && err2 == nil {
		err = ends.Error()
	}
	if err != nil || err2 != nil {
		return c, fmt.Errorf("offsets of %s: %w", topic, firstErr(err, err2))
	}
	starts.Each(func(o kadm.ListedOffset) { c.start[o.Partition] = o.Offset })
	ends.Each(func(o kadm.ListedOffset) { c.end[o.Partition] = o.Offset })
	if rc, err := adm.DescribeTopicConfigs(ctx, topic); err == nil {
		if v, err := rc.On(topic, nil); err == nil {
			for _, kv := range v.Configs {
				if ms, err := strconv.ParseInt(kv.MaybeValue(), 10, 64); kv.Key == "delete.retention.ms" && err == nil {
					c.deleteRetention = time.Duration(ms) * time.Millisecond
				}
			}
		}
	}
	return c, nil
}

// replayFrom is the offset a partition's replay starts at, and whether it
// rebuilds the partition from the whole changelog (see above).
func (c changelog) replayFrom(cp statestore.Checkpoint, ok bool, partition int32, now time.Time) (int64, bool) {
	if !ok || cp.TopicID != c.id || cp.Next < c.start[partition] || cp.Next > c.end[partition] ||
		now.Sub(cp.At) > c.deleteRetention {
		return 0, true
	}
	return cp.Next, false
}

// replayAll brings the store's space sp up to its changelog topic for the
// partitions given, adding to sum.
func (a *Aggregator) replayAll(ctx context.Context, cl *kgo.Client, sp statestore.Space, topic string, parts []int32, sum *restored) error {
	if len(parts) == 0 {
		return nil
	}
	log, err := describeChangelog(ctx, cl, topic)
	if err != nil {
		return err
	}
	a.states.setTopic(sp, log.id)
	for _, p := range parts {
		cp, ok, err := a.states.db.Checkpoint(sp, p)
		if err != nil {
			return err
		}
		from, rebuild := log.replayFrom(cp, ok, p, a.cfg.Now())
		if rebuild {
			if err := a.states.drop(sp, p); err != nil {
				return err
			}
			sum.rebuilt = append(sum.rebuilt, p)
			cp.Keys = 0
		}
		// A rebuilt lead partition gets its checkpoint once its versions
		// are seeded (restore): a restore cut short before that rebuilds
		// and seeds it again.
		r, err := a.replay(ctx, cl, sp, topic, p, from, cp.Keys, !(rebuild && sp == spaceLeads))
		if err != nil {
			return err
		}
		if !r.checkpointed {
			sum.unseeded = append(sum.unseeded, r.checkpoint)
		}
		sum.replayed += r.n
		label := strconv.FormatBool(rebuild)
		a.cfg.Metrics.StateReplayed.WithLabelValues(label).Add(float64(r.n))
		a.cfg.Metrics.StateReplayedBytes.WithLabelValues(label).Add(float64(r.bytes))
	}
	return nil
}

// replayBatch is how many records a replay applies to the store at once.
const replayBatch = 4096

// replay applies partition p of topic from offset from to its stable end
// to the store, with the checkpoint unless told not to (r.checkpoint
// then holds it), and returns what it applied; keys is how many keys the
// partition held before.
func (a *Aggregator) replay(ctx context.Context, cl *kgo.Client, sp statestore.Space, topic string, p int32, from int64, keys int64, checkpoint bool) (*replayer, error) {
	r := &replayer{s: a.states, sp: sp, p: p, keys: keys, b: a.states.db.Batch(), pending: map[string]bool{}}
	ends, err := stableread.Reader{Client: cl}.Read(ctx, topic, map[int32]stableread.Span{p: {From: from, To: stableread.ToStableEnd}}, r.apply)
	if err != nil {
		r.b.Discard()
		return r, fmt.Errorf("replay %s[%d] from %d: %w", topic, p, from, err)
	}
	r.checkpoint = partitionCheckpoint{sp, p, statestore.Checkpoint{Next: ends[p].Next, TopicID: a.states.topicID(sp), At: a.cfg.Now(), Keys: r.keys}}
	if r.checkpointed = checkpoint; checkpoint {
		r.b.SetCheckpoint(sp, p, r.checkpoint.cp)
	}
	if err := r.b.Commit(); err != nil {
		return r, err
	}
	a.states.setCount(sp, p, int(r.keys))
	return r, nil
}

// partitionCheckpoint is a checkpoint still to be written.
type partitionCheckpoint struct {
	sp statestore.Space
	p  int32
	cp statestore.Checkpoint
}

// replayer applies changelog records to the store in batches.
type replayer struct {
	s       *states
	sp      statestore.Space
	p       int32
	b       *statestore.Batch
	n       int // records applied
	bytes   int // their keys' and values' bytes
	keys    int64
	pending map[string]bool // keys the open batch has, by whether they have a value

	checkpoint   partitionCheckpoint // where the replay ended
	checkpointed bool                // and whether the store has it
}

func (r *replayer) apply(rec *kgo.Record) error {
	key := string(rec.Key)
	had, err := r.has(key)
	if err != nil {
		return err
	}
	if rec.Value == nil {
		r.b.Delete(r.sp, r.p, key)
		if r.sp == spaceRequests {
			r.b.Delete(spaceWaiting, r.p, key)
		}
	} else if err := r.put(key, rec.Value); err != nil {
		return fmt.Errorf("offset %d: %w", rec.Offset, err)
	}
	r.keys += int64(boolInt(rec.Value != nil) - boolInt(had))
	r.pending[key] = rec.Value != nil
	r.bytes += len(rec.Key) + len(rec.Value)
	if r.n++; r.b.Len() >= replayBatch {
		if err := r.b.Commit(); err != nil {
			return err
		}
		r.b, r.pending = r.s.db.Batch(), map[string]bool{}
	}
	return nil
}

// has says whether key has a value, as the open batch leaves it.
func (r *replayer) has(key string) (bool, error) {
	if v, ok := r.pending[key]; ok {
		return v, nil
	}
	_, ok, err := r.s.db.Get(r.sp, r.p, key)
	return ok, err
}

// put adds a state to the batch, with, for a request, its expiry index
// entry and its wait. An earlier index entry of the key stays: eviction
// finds it stale.
func (r *replayer) put(key string, value []byte) error {
	r.b.Put(r.sp, r.p, key, value)
	if r.sp != spaceRequests {
		return nil
	}
	var c changelogEntry
	if err := json.Unmarshal(value, &c); err != nil {
		return fmt.Errorf("aggregator state of %s: %w", key, err)
	}
	r.b.Index(spaceRequests, r.p, c.Touched, key)
	w, waits := waitingOf(c.entry())
	if !waits {
		r.b.Delete(spaceWaiting, r.p, key)
		return nil
	}
	v, err := json.Marshal(w)
	if err != nil {
		return err
	}
	r.b.Put(spaceWaiting, r.p, key, v)
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// storedWaits reads the waits of a request partition from the store.
func (a *Aggregator) storedWaits(p int32) (map[string]Waiting, error) {
	out := map[string]Waiting{}
	err := a.states.db.Scan(spaceWaiting, p, func(id string, v []byte) error {
		var w Waiting
		if err := json.Unmarshal(v, &w); err != nil {
			return fmt.Errorf("stored wait of %s: %w", id, err)
		}
		out[id] = w
		return nil
	})
	return out, err
}
