package consume

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// slot is one dispatched record's place in its partition's order.
type slot struct {
	part   *partition
	offset int64
	epoch  int32
	done   bool
}

// partition keeps dispatched offsets in order; slots leave the front once
// done, and the front's offset is the commit point.
type partition struct {
	topic     string
	id        int32
	slots     []*slot
	next      kgo.EpochOffset // commit point once every slot is done
	committed int64
	inflight  int
	// ctx is cancelled when the partition is lost, or revoked and its
	// handlers overstay; leave marks it revoked so queued records skip.
	ctx    context.Context
	cancel context.CancelFunc
	left   atomic.Bool
	// gone is closed when the partition is revoked or lost: handlers
	// still waiting (not working) give up at once, see Leaving.
	gone     chan struct{}
	goneOnce sync.Once
}

func (p *partition) leaving() bool { return p.left.Load() }

// leave marks the partition revoked and tells waiting handlers.
func (p *partition) leave() {
	p.left.Store(true)
	p.goneOnce.Do(func() { close(p.gone) })
}

// tracker knows, per owned partition, which records are still in flight.
type tracker struct {
	mu     sync.Mutex
	idle   *sync.Cond
	parts  map[string]map[int32]*partition
	parent context.Context
}

func newTracker(parent context.Context) *tracker {
	t := &tracker{parts: make(map[string]map[int32]*partition), parent: parent}
	t.idle = sync.NewCond(&t.mu)
	return t
}

func (t *tracker) add(r *kgo.Record) *slot {
	t.mu.Lock()
	defer t.mu.Unlock()
	byID := t.parts[r.Topic]
	if byID == nil {
		byID = make(map[int32]*partition)
		t.parts[r.Topic] = byID
	}
	p := byID[r.Partition]
	if p == nil {
		p = &partition{topic: r.Topic, id: r.Partition, committed: -1, gone: make(chan struct{})}
		p.ctx, p.cancel = context.WithCancel(t.parent)
		byID[r.Partition] = p
	}
	s := &slot{part: p, offset: r.Offset, epoch: r.LeaderEpoch}
	p.slots = append(p.slots, s)
	p.next = kgo.EpochOffset{Epoch: r.LeaderEpoch, Offset: r.Offset + 1}
	p.inflight++
	return s
}

// done marks s finished and advances its partition's commit point.
func (t *tracker) done(s *slot) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.done = true
	t.finish(s.part)
}

// abandon frees s's in-flight place without marking it done: its offset,
// and every later one, stays uncommitted.
func (t *tracker) abandon(s *slot) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.finish(s.part)
}

func (t *tracker) finish(p *partition) {
	p.inflight--
	for len(p.slots) > 0 && p.slots[0].done {
		p.slots[0] = nil
		p.slots = p.slots[1:]
	}
	if p.inflight == 0 {
		t.idle.Broadcast()
	}
}

// commitPoint is where p's committed offset may safely be.
func (p *partition) commitPoint() kgo.EpochOffset {
	if len(p.slots) > 0 {
		return kgo.EpochOffset{Epoch: p.slots[0].epoch, Offset: p.slots[0].offset}
	}
	return p.next
}

// progress returns the commit points that moved since the last commit, of
// the given partitions or, when only is nil, of every owned partition.
func (t *tracker) progress(only map[string][]int32) map[string]map[int32]kgo.EpochOffset {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make(map[string]map[int32]kgo.EpochOffset)
	for topic, byID := range t.parts {
		for id, p := range byID {
			if only != nil && !contains(only[topic], id) {
				continue
			}
			if at := p.commitPoint(); at.Offset > p.committed {
				if out[topic] == nil {
					out[topic] = make(map[int32]kgo.EpochOffset)
				}
				out[topic][id] = at
			}
		}
	}
	return out
}

// committed records a successful commit.
func (t *tracker) committed(offsets map[string]map[int32]kgo.EpochOffset) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for topic, byID := range offsets {
		for id, at := range byID {
			if p := t.parts[topic][id]; p != nil && at.Offset > p.committed {
				p.committed = at.Offset
			}
		}
	}
}

// waitIdle waits up to d, and no longer than ctx, for the given
// partitions to have nothing in flight and says whether they got there.
func (t *tracker) waitIdle(ctx context.Context, parts map[string][]int32, d time.Duration) bool {
	idle := make(chan struct{})
	go func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		for t.busy(parts) {
			t.idle.Wait()
		}
		close(idle)
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-idle:
		return true
	case <-timer.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// leave marks partitions revoked: their queued records will not start.
func (t *tracker) leave(parts map[string][]int32) {
	t.each(parts, func(p *partition) { p.leave() })
}

// cancel cancels the handlers of the given partitions.
func (t *tracker) cancel(parts map[string][]int32) {
	t.each(parts, func(p *partition) { p.cancel() })
}

func (t *tracker) each(parts map[string][]int32, fn func(*partition)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for topic, ids := range parts {
		for _, id := range ids {
			if p := t.parts[topic][id]; p != nil {
				fn(p)
			}
		}
	}
}

func (t *tracker) busy(parts map[string][]int32) bool {
	for topic, ids := range parts {
		for _, id := range ids {
			if p := t.parts[topic][id]; p != nil && p.inflight > 0 {
				return true
			}
		}
	}
	return false
}

// forget drops the given partitions: they belong to another member now.
func (t *tracker) forget(parts map[string][]int32) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for topic, ids := range parts {
		for _, id := range ids {
			if p := t.parts[topic][id]; p != nil {
				p.leave()
				p.cancel()
				delete(t.parts[topic], id)
			}
		}
	}
}

func contains(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
