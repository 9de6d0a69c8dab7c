package bench

import "time"

// Result is what one scenario measured.
type Result struct {
	// Name labels the table row, e.g. "latency=200ms" or "baseline 0s".
	Name     string
	Latency  time.Duration // sandbox latency per API call
	Baseline bool
	// Requests completed (leads for the pipeline, results for the
	// baseline) and the wall time they took.
	Requests int
	Wall     time.Duration
	// Latency percentiles: request-to-lead for the pipeline, per-record
	// lookup-and-produce time for the baseline.
	Lat Latencies
	// CPU is process CPU (user+sys) over the measured window; it includes
	// the in-process broker and sandbox.
	CPU time.Duration
	// PeakRSS is the highest resident set sampled during the scenario.
	PeakRSS int64
	// MeanLookup is the mean provider lookup time; CallsPerLookup the
	// sandbox API calls one lookup made on average.
	MeanLookup     time.Duration
	CallsPerLookup float64
	// MaxInFlight is the worker's in-flight bound (pipeline only).
	MaxInFlight int
	// Rate is the offered rate in requests/s; 0 means unpaced.
	Rate float64
	// Err is why the scenario did not complete.
	Err error
}

// PerSecond is the throughput: completed requests over wall time.
func (r Result) PerSecond() float64 { return PerSecond(r.Requests, r.Wall) }

// CPUPerRequest is the process CPU per completed request.
func (r Result) CPUPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.CPU / time.Duration(r.Requests)
}

// Bound is the Little's-law throughput bound of one provider process
// if a lookup took one sandbox call: in-flight limit / latency. 0 when
// there is no latency or no in-flight limit (the baseline).
func (r Result) Bound() float64 {
	if r.Latency <= 0 || r.MaxInFlight == 0 {
		return 0
	}
	return float64(r.MaxInFlight) / r.Latency.Seconds()
}

// LookupBound is the Little's-law bound with the measured mean lookup
// time, which covers every sequential call of a lookup.
func (r Result) LookupBound() float64 {
	if r.MeanLookup <= 0 || r.MaxInFlight == 0 {
		return 0
	}
	return float64(r.MaxInFlight) / r.MeanLookup.Seconds()
}
