package sandbox

import "time"

// Knobs are the shorthand for the two faults an operator most often
// sets for every provider at once: Latency is every provider's
// Faults.Latency and ErrorRate its Faults.Status5xx.
type Knobs struct {
	Latency   time.Duration
	ErrorRate float64
}

// Knobs reports the latency and 5xx rate of the APIs. When the providers'
// settings differ (SetFaults or Config.Faults), each is the highest any
// provider has, so a reader never mistakes a faulty sandbox for a clean
// one; Faults gives one provider's settings exactly.
func (s *Server) Knobs() Knobs {
	var k Knobs
	for _, f := range s.faults.All() {
		k.Latency = max(k.Latency, f.Latency)
		k.ErrorRate = max(k.ErrorRate, f.Status5xx)
	}
	return k
}

// SetKnobs sets the latency and the 5xx rate of every provider, keeping
// their other faults: UpdateAllFaults with those two. Knobs out of
// range, or a 5xx rate that would push a provider's rates above 1, are
// refused and change nothing.
func (s *Server) SetKnobs(k Knobs) error {
	return s.UpdateAllFaults(func(f Faults) Faults {
		f.Latency, f.Status5xx = k.Latency, k.ErrorRate
		return f
	})
}
