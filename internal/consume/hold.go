package consume

import (
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

type tp struct {
	topic string
	part  int32
}

// holder keeps records that are not yet due. When a partition's record is
// not due, that partition is paused and it and every later record of the
// partition wait here; a timer releases them at the head's due time. Other
// partitions keep flowing, and nothing polls while waiting.
//
// Held records are never in the tracker, so the commit point stays at or
// before the first of them: a crash re-delivers them.
type holder struct {
	mu     sync.Mutex
	due    func(*kgo.Record) time.Time
	now    func() time.Time
	held   map[tp][]*kgo.Record
	timers map[tp]*time.Timer
	owned  map[tp]bool
	pause  func(tp)
	resume func(tp)
	// reserve waits for an in-flight place (false: stopped first), and
	// unreserve gives back one not used; send dispatches a due record into
	// a reserved place without blocking.
	reserve   func(stop <-chan struct{}) bool
	unreserve func()
	send      func(*kgo.Record)
	stopped   chan struct{}
}

func newHolder(due func(*kgo.Record) time.Time, now func() time.Time) *holder {
	return &holder{due: due, now: now, held: map[tp][]*kgo.Record{}, timers: map[tp]*time.Timer{}, owned: map[tp]bool{},
		stopped: make(chan struct{})}
}

// admit reports whether r may be dispatched now; if not, r is held (with
// every later record of its partition) until due.
func (h *holder) admit(r *kgo.Record) bool {
	if h == nil {
		return true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	k := tp{r.Topic, r.Partition}
	if q, waiting := h.held[k]; waiting {
		h.held[k] = append(q, r)
		return false
	}
	wait := h.due(r).Sub(h.now())
	if wait <= 0 {
		return true
	}
	h.held[k] = []*kgo.Record{r}
	h.pause(k)
	h.timers[k] = time.AfterFunc(wait, func() { h.release(k) })
	return false
}

// release dispatches the partition's due records; it resumes fetching once
// none are held, or waits again for the next head. Each record's in-flight
// place is reserved before the lock is taken, so the poll loop, which
// needs the lock to admit records, never waits behind a full house.
func (h *holder) release(k tp) {
	for {
		if !h.reserve(h.stopped) {
			return
		}
		h.mu.Lock()
		q := h.held[k]
		if !h.owned[k] || len(q) == 0 {
			h.mu.Unlock()
			h.unreserve()
			return
		}
		if wait := h.due(q[0]).Sub(h.now()); wait > 0 {
			h.timers[k] = time.AfterFunc(wait, func() { h.release(k) })
			h.mu.Unlock()
			h.unreserve()
			return
		}
		h.held[k] = q[1:]
		if len(q) == 1 {
			delete(h.held, k)
			delete(h.timers, k)
			h.resume(k)
		}
		// Dispatch under the lock so a revoke cannot slip between the
		// ownership check and the record entering the tracker.
		h.send(q[0])
		h.mu.Unlock()
	}
}

// assign marks partitions owned.
func (h *holder) assign(parts map[string][]int32) {
	h.each(parts, func(k tp) { h.owned[k] = true })
}

// drop forgets held records of partitions no longer owned; the next owner
// fetches them again from the committed offset.
func (h *holder) drop(parts map[string][]int32) {
	h.each(parts, func(k tp) {
		if tm := h.timers[k]; tm != nil {
			tm.Stop()
		}
		if _, held := h.held[k]; held {
			h.resume(k)
		}
		delete(h.held, k)
		delete(h.timers, k)
		delete(h.owned, k)
	})
}

// each calls fn, under the lock, for every partition of parts; a nil
// holder (a consumer without DueAt) holds nothing and does nothing.
func (h *holder) each(parts map[string][]int32, fn func(tp)) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for t, ids := range parts {
		for _, id := range ids {
			fn(tp{t, id})
		}
	}
}

// stop cancels every timer.
func (h *holder) stop() {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, tm := range h.timers {
		tm.Stop()
	}
	select {
	case <-h.stopped:
	default:
		close(h.stopped)
	}
}

// waiting counts held records.
func (h *holder) waiting() int {
	if h == nil {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, q := range h.held {
		n += len(q)
	}
	return n
}
