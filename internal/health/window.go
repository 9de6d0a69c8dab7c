package health

import "sync"

// Window keeps the outcomes of a provider's last lookups.
type Window struct {
	mu   sync.Mutex
	ok   []bool
	errs []string // the error class of each outcome; "" without an error
	next int
	full bool
}

// NewWindow keeps the last n outcomes (default 100).
func NewWindow(n int) *Window {
	if n <= 0 {
		n = 100
	}
	return &Window{ok: make([]bool, n), errs: make([]string, n)}
}

// Add records one outcome: whether it counts as healthy, and the class of
// its error ("" for none). A lookup can fail without being unhealthy (a
// company not found), so the two are kept apart.
func (w *Window) Add(ok bool, class string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ok[w.next], w.errs[w.next] = ok, class
	w.next = (w.next + 1) % len(w.ok)
	w.full = w.full || w.next == 0
}

// kept is how many outcomes the window holds; w.mu must be held.
func (w *Window) kept() int {
	if w.full {
		return len(w.ok)
	}
	return w.next
}

// Rate is the share of good outcomes and how many there were; with none,
// the rate is 1.
func (w *Window) Rate() (float64, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := w.kept()
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

// Errors counts the error classes among the outcomes kept; nil when none
// failed.
func (w *Window) Errors() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	var counts map[string]int
	for _, class := range w.errs[:w.kept()] {
		if class == "" {
			continue
		}
		if counts == nil {
			counts = map[string]int{}
		}
		counts[class]++
	}
	return counts
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
