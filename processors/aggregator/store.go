package aggregator

// The state of both stages lives in a local store on disk (package
// statestore), one keyspace per changelog, with the requests still
// waiting for a provider in a third; a byte-bounded cache holds the hot
// states decoded. The changelogs stay the source of truth: the store
// applies a transaction's state only once the broker has committed it, so
// it never holds what an aborted transaction wrote, and it records with
// the state the changelog offset it has applied, from which a restore
// replays (restore.go).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/statestore"
	"github.com/maypok86/otter/v2"
)

// The store's keyspaces.
const (
	spaceRequests statestore.Space = 'r' // request stage: request id → entry
	spaceLeads    statestore.Space = 'l' // lead stage: lead key → leadState
	spaceWaiting  statestore.Space = 'w' // request id → Waiting, while it waits
)

// DefaultStateCacheBytes is the default of Config.StateCacheBytes.
const DefaultStateCacheBytes = 32 << 20

// cached is a decoded state the hot cache holds: an entry or a leadState.
type cached interface{ encodedSize() int }

// states are both stages' states: the store, the hot cache over it and
// which partitions this member owns.
type states struct {
	db  *statestore.Store
	hot *otter.Cache[string, cached]

	// applying serialises what changes the store's partitions: a commit,
	// and a change of owner; mu guards the maps below.
	applying sync.Mutex
	epoch    atomic.Int64 // counts changes of owner, for load's caching
	mu       sync.Mutex
	owned    map[statestore.Space]map[int32]bool
	topics   map[statestore.Space][16]byte // changelog topic ids, for checkpoints
	keys     map[statestore.Space]map[int32]int

	hits, misses atomic.Int64
}

func openStates(dir string, cacheBytes int64, cfg Config) (*states, error) {
	db, err := statestore.Open(statestore.Options{Dir: dir, CacheBytes: cacheBytes / 8, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	hot := otter.Must(&otter.Options[string, cached]{
		MaximumWeight: uint64(cacheBytes),
		// Decoded, a state takes about four times its encoding (its
		// results both as Avro and as structs; measured with a heap
		// profile of the state bench).
		Weigher: func(_ string, v cached) uint32 { return uint32(4*v.encodedSize() + 256) },
	})
	return &states{db: db, hot: hot, owned: map[statestore.Space]map[int32]bool{},
		topics: map[statestore.Space][16]byte{}, keys: map[statestore.Space]map[int32]int{}}, nil
}

func cacheKey(sp statestore.Space, partition int32, key string) string {
	return string(rune(sp)) + strconv.Itoa(int(partition)) + "/" + key // on every lookup: no fmt
}

// load returns the published state of key in a partition's space, and
// false when it has none.
func load[S cached](s *states, sp statestore.Space, partition int32, key string, decode func([]byte) (S, error)) (S, bool, error) {
	var zero S
	ck := cacheKey(sp, partition, key)
	if v, ok := s.hot.GetIfPresent(ck); ok {
		s.hits.Add(1)
		return v.(S), true, nil
	}
	s.misses.Add(1)
	epoch := s.epoch.Load()
	raw, ok, err := s.db.Get(sp, partition, key)
	if err != nil || !ok {
		return zero, false, err
	}
	v, err := decode(raw)
	if err != nil {
		return zero, false, fmt.Errorf("stored state of %q: %w", key, err)
	}
	if s.epoch.Load() == epoch { // no owner changed since the read: it is current
		s.hot.Set(ck, v)
	}
	return v, true, nil
}

func (s *states) entry(partition int32, id string) (*entry, bool, error) {
	return load(s, spaceRequests, partition, id, unmarshalEntry)
}

func (s *states) leadState(partition int32, key string) (*leadState, bool, error) {
	return load(s, spaceLeads, partition, key, unmarshalLeadState)
}

// current returns a copy (clone) of key's state: as this transaction
// staged it, else as published (load), else fresh.
func current[S any](staged map[string]S, key string, load func() (S, bool, error), fresh func() S, clone func(S) S) (S, error) {
	if s, ok := staged[key]; ok {
		return clone(s), nil
	}
	cur, ok, err := load()
	if err != nil || !ok {
		return fresh(), err
	}
	return clone(cur), nil
}

// keyed is a stored state and its key.
type keyed[S any] struct {
	key   string
	state S
}

// collectOwned decodes every stored state of the partitions of parts this
// member owns in space sp, and returns those keep takes.
func collectOwned[S any](s *states, sp statestore.Space, parts map[int32]bool, decode func([]byte) (S, error), keep func(string, S) (bool, error)) ([]keyed[S], error) {
	var out []keyed[S]
	for p := range parts {
		if !s.owns(sp, p) {
			continue
		}
		err := s.db.Scan(sp, p, func(key string, raw []byte) error {
			v, err := decode(bytes.Clone(raw))
			if err != nil {
				return fmt.Errorf("stored state of %s: %w", key, err)
			}
			ok, err := keep(key, v)
			if ok {
				out = append(out, keyed[S]{key, v})
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// owns says whether this member owns a partition of a space.
func (s *states) owns(sp statestore.Space, partition int32) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.owned[sp][partition]
}

// ownedOf lists the partitions of a space this member owns.
func (s *states) ownedOf(sp statestore.Space) []int32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int32, 0, len(s.owned[sp]))
	for p := range s.owned[sp] {
		out = append(out, p)
	}
	return out
}

// own marks partitions of a space as owned, or, with on false, as owned
// by another member, whose state this member then drops: the new owner
// rebuilds it from the changelog, and so does this member if they come
// back, so no copy of a state (or of a person erased since) stays behind.
// With keep, revoked partitions keep their state: this process is
// closing its session and will restore them from their checkpoints. It
// empties the hot cache. A commit never interleaves with it.
func (s *states) own(sp statestore.Space, on, keep bool, partitions ...int32) error {
	s.applying.Lock()
	defer s.applying.Unlock()
	s.mu.Lock()
	if s.owned[sp] == nil {
		s.owned[sp] = map[int32]bool{}
	}
	for _, p := range partitions {
		if on {
			s.owned[sp][p] = true
		} else {
			delete(s.owned[sp], p)
		}
	}
	s.mu.Unlock()
	s.epoch.Add(1)
	s.hot.InvalidateAll() // rare: a rebalance
	if on || keep {
		return nil
	}
	for _, p := range partitions {
		if err := s.drop(sp, p); err != nil {
			return err
		}
	}
	return nil
}

// hitRatio is the share of state reads the hot cache answered.
func (s *states) hitRatio() float64 {
	h, m := s.hits.Load(), s.misses.Load()
	if h+m == 0 {
		return 0
	}
	return float64(h) / float64(h+m)
}

// commit applies a committed transaction's state to the store, with the
// checkpoint of each changelog partition it wrote, in one batch, and then
// to the hot cache; partitions this member no longer owns are left to
// their next restore.
func (s *states) commit(t *txn, now time.Time) error {
	s.applying.Lock()
	defer s.applying.Unlock()
	b := s.db.Batch()
	var gone []string
	for _, ev := range t.evicted {
		if !s.owns(spaceRequests, ev.partition) {
			continue
		}
		b.Unindex(spaceRequests, ev.partition, ev.at, ev.id)
		if _, restaged := t.staged[ev.id]; !ev.stale && !restaged {
			b.Delete(spaceRequests, ev.partition, ev.id)
			b.Delete(spaceWaiting, ev.partition, ev.id)
			gone = append(gone, cacheKey(spaceRequests, ev.partition, ev.id))
			s.count(spaceRequests, ev.partition, -1)
		}
	}
	for id, e := range t.staged {
		if s.owns(spaceRequests, e.Partition) {
			if err := s.putEntry(b, id, e); err != nil {
				b.Discard()
				return err
			}
		}
	}
	for key, ls := range t.stagedLeads {
		if s.owns(spaceLeads, ls.Partition) {
			b.Put(spaceLeads, ls.Partition, key, ls.raw)
			ls.raw, ls.size = nil, len(ls.raw)
			if !ls.known {
				ls.known = true
				s.count(spaceLeads, ls.Partition, 1)
			}
		}
	}
	for sp, parts := range t.written {
		for p, next := range parts {
			if s.owns(sp, p) {
				b.SetCheckpoint(sp, p, statestore.Checkpoint{Next: next, TopicID: s.topicID(sp), At: now, Keys: int64(s.keysIn(sp, p))})
			}
		}
	}
	if err := b.Commit(); err != nil {
		return fmt.Errorf("aggregator state store: %w", err)
	}
	s.cache(t, gone)
	return nil
}

// putEntry adds e's state, expiry index entry and wait to b.
func (s *states) putEntry(b *statestore.Batch, id string, e *entry) error {
	b.Put(spaceRequests, e.Partition, id, e.raw)
	e.raw, e.size = nil, len(e.raw)
	if !e.stored.IsZero() && e.stored.Unix() != e.Touched.Unix() {
		b.Unindex(spaceRequests, e.Partition, e.stored, id)
	}
	b.Index(spaceRequests, e.Partition, e.Touched, id)
	if e.stored.IsZero() {
		s.count(spaceRequests, e.Partition, 1)
	}
	e.stored = e.Touched
	w, waits := waitingOf(e)
	if !waits {
		b.Delete(spaceWaiting, e.Partition, id)
		return nil
	}
	v, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("wait of %s: %w", id, err)
	}
	b.Put(spaceWaiting, e.Partition, id, v)
	return nil
}

// cache makes the hot cache hold what a committed transaction staged.
func (s *states) cache(t *txn, gone []string) {
	for _, k := range gone {
		s.hot.Invalidate(k)
	}
	for id, e := range t.staged {
		if s.owns(spaceRequests, e.Partition) {
			s.hot.Set(cacheKey(spaceRequests, e.Partition, id), e)
		}
	}
	for key, ls := range t.stagedLeads {
		if s.owns(spaceLeads, ls.Partition) {
			s.hot.Set(cacheKey(spaceLeads, ls.Partition, key), ls)
		}
	}
}

func (s *states) topicID(sp statestore.Space) [16]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.topics[sp]
}

// count adds n to the keys a partition's space holds.
func (s *states) count(sp statestore.Space, partition int32, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[sp] == nil {
		s.keys[sp] = map[int32]int{}
	}
	s.keys[sp][partition] += n
}

func (s *states) keysIn(sp statestore.Space, partition int32) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[sp][partition]
}

// keysOf sums the keys of a space's owned partitions.
func (s *states) keysOf(sp statestore.Space) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, k := range s.keys[sp] {
		if s.owned[sp][p] {
			n += k
		}
	}
	return n
}

// stats are the store's metrics.
func (s *states) stats() metrics.State {
	return metrics.State{DiskBytes: s.db.DiskBytes(), CacheHitRatio: s.hitRatio(),
		Keys: map[string]int{"request": s.keysOf(spaceRequests), "lead": s.keysOf(spaceLeads)}}
}

func (s *states) setTopic(sp statestore.Space, id [16]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.topics[sp] = id
}

func (s *states) setCount(sp statestore.Space, partition int32, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[sp] == nil {
		s.keys[sp] = map[int32]int{}
	}
	s.keys[sp][partition] = n
}

// drop deletes what the store holds of a partition of sp, before it is
// rebuilt from the whole changelog.
func (s *states) drop(sp statestore.Space, partition int32) error {
	if err := s.db.Drop(sp, partition); err != nil {
		return err
	}
	if sp == spaceRequests {
		return s.db.Drop(spaceWaiting, partition)
	}
	return nil
}

// spaceOf is the keyspace of a changelog topic.
func (a *Aggregator) spaceOf(topic string) (statestore.Space, bool) {
	switch topic {
	case a.cfg.Names.AggregatorState():
		return spaceRequests, true
	case a.cfg.Names.LeadState():
		return spaceLeads, true
	}
	return 0, false
}
