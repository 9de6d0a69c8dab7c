package bench

import (
	"runtime"
	"time"
)

// measure brackets a measured window: process CPU, peak RSS, lookups and
// sandbox calls.
type measure struct {
	env     *env
	prov    *timedProvider
	start   time.Time
	cpu     time.Duration
	lookups lookups
	calls   int64
	rss     *rssSampler
}

// startMeasure collects garbage from earlier phases, then starts the
// window.
func startMeasure(e *env, prov *timedProvider) *measure {
	runtime.GC()
	return &measure{env: e, prov: prov, rss: sampleRSS(100 * time.Millisecond), cpu: cpuTime(),
		lookups: prov.snapshot(), calls: e.sandboxCalls(), start: time.Now()}
}

// finish ends the window and writes what it saw into res.
func (m *measure) finish(res *Result) {
	res.CPU = cpuTime() - m.cpu
	res.PeakRSS = m.rss.Stop()
	res.MeanLookup = m.prov.meanSince(m.lookups)
	if n := m.prov.snapshot().n - m.lookups.n; n > 0 {
		res.CallsPerLookup = float64(m.env.sandboxCalls()-m.calls) / float64(n)
	}
}
