package sandbox

import "github.com/leadgen/leadgen/internal/sandbox/fault"

// Faults are one provider API's injected failures, its latency and the
// count of first calls it refuses as over quota; see fault.Faults. They
// are the sandbox's one fault mechanism: set at start in Config.Faults
// (Config.Latency and Config.ErrorRate fill them for every provider
// without an entry), changed at run time for one provider with
// SetFaults or PUT /_sandbox/faults/{provider}, and for every provider
// at once with UpdateAllFaults or PUT /_sandbox/faults, of which
// SetKnobs and PUT /_sandbox/knobs are the latency-and-5xx shorthand.
type Faults = fault.Faults

// The fault defaults.
const (
	// DefaultRetryAfter is the wait a rate-limited answer asks for when
	// Faults.RetryAfter is 0.
	DefaultRetryAfter = fault.DefaultRetryAfter
	// MinSlowBody is how long a SlowBody fault takes when Latency is 0.
	MinSlowBody = fault.MinSlowBody
)

// Faults returns the fault settings in force for provider, or the zero
// Faults for a name the sandbox does not serve.
func (s *Server) Faults(provider string) Faults { return s.faults.Get(provider) }

// SetFaults replaces provider's fault settings on a running sandbox;
// calls already waiting keep the settings they started with. An unknown
// provider or out-of-range settings are refused and change nothing.
func (s *Server) SetFaults(provider string, f Faults) error {
	if _, err := apiNamed(provider); err != nil {
		return err
	}
	_, err := s.faults.Update([]string{provider}, func(Faults) Faults { return f })
	return err
}

// UpdateAllFaults changes every provider's faults with change, all or
// none: if the result is out of range for any provider, nothing changes
// and the error names it. Calls already waiting keep the settings they
// started with.
func (s *Server) UpdateAllFaults(change func(Faults) Faults) error {
	_, err := s.faults.Update(Providers(), change)
	return err
}
