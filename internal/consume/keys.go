package consume

import (
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

type queued struct {
	slot *slot
	rec  *kgo.Record
}

// keyQueues runs one goroutine per key with work, so records of one key are
// handled in order while different keys run concurrently.
type keyQueues struct {
	mu     sync.Mutex
	queues map[string][]queued
	run    func(*slot, *kgo.Record)
	wg     sync.WaitGroup
}

func newKeyQueues(run func(*slot, *kgo.Record)) *keyQueues {
	return &keyQueues{queues: make(map[string][]queued), run: run}
}

func (k *keyQueues) push(key string, s *slot, r *kgo.Record) {
	k.mu.Lock()
	defer k.mu.Unlock()
	q, active := k.queues[key]
	k.queues[key] = append(q, queued{s, r})
	if !active {
		k.wg.Add(1)
		go k.drain(key)
	}
}

func (k *keyQueues) drain(key string) {
	defer k.wg.Done()
	for {
		k.mu.Lock()
		q := k.queues[key]
		if len(q) == 0 {
			delete(k.queues, key)
			k.mu.Unlock()
			return
		}
		head := q[0]
		k.mu.Unlock()

		k.run(head.slot, head.rec)

		k.mu.Lock()
		q = k.queues[key]
		q[0] = queued{}
		k.queues[key] = q[1:]
		k.mu.Unlock()
	}
}

func (k *keyQueues) wait() { k.wg.Wait() }
