package aggregator

import (
	"sync"
	"time"
)

// progress tells whether the aggregator is getting anywhere: when a batch
// last committed, and since when batches have been failing (zero while
// they commit). Input that keeps failing is input waiting.
type progress struct {
	mu           sync.Mutex
	lastCommit   time.Time
	failingSince time.Time
}

func (p *progress) batchEnded(committed bool, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if committed {
		p.lastCommit, p.failingSince = now, time.Time{}
		return
	}
	if p.failingSince.IsZero() {
		p.failingSince = now
	}
}

// Stalled says for how long batches have failed without one committing:
// input waits and no lead or state is written. Zero when the last batch
// committed.
func (a *Aggregator) Stalled() time.Duration {
	a.progress.mu.Lock()
	defer a.progress.mu.Unlock()
	if a.progress.failingSince.IsZero() {
		return 0
	}
	return a.cfg.Now().Sub(a.progress.failingSince)
}
