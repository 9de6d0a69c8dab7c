package health

import "sync"

// Window keeps the outcomes of a provider's last lookups.
type Window struct {
	mu   sync.Mutex
	ok   []bool
	next int
	full bool
}

// NewWindow keeps the last n outcomes (default 100).
func NewWindow(n int) *Window {
	if n <= 0 {
		n = 100
	}
	return &Window{ok: make([]bool, n)}
}

// Add records one outcome.
func (w *Window) Add(ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ok[w.next] = ok
	w.next = (w.next + 1) % len(w.ok)
	w.full = w.full || w.next == 0
}

// Rate is the share of good outcomes and how many there were; with none,
// the rate is 1.
func (w *Window) Rate() (float64, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := w.next
	if w.full {
		n = len(w.ok)
	}
	if n == 0 {
		return 1, 0
	}
	good := 0
	for _, ok := range w.ok[:n] {
		if ok {
			good++
		}
	}
	return float64(good) / float64(n), n
}

// State grades a provider: UNHEALTHY with its breaker open or under half
// its lookups succeeding, DEGRADED half-open or under 90%, else HEALTHY.
func State(rate float64, breaker string) string {
	switch {
	case breaker == "open" || rate < 0.5:
		return Unhealthy
	case breaker == "half-open" || rate < 0.9:
		return Degraded
	}
	return Healthy
}
