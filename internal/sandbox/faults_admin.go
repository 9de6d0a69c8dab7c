package sandbox

import (
	"fmt"
	"net/http"
	"time"
)

// faultsJSON is the body of /_sandbox/faults/{provider}. Durations are Go
// durations ("45s"); on PUT an absent member keeps its current value.
type faultsJSON struct {
	Status5xx    *float64 `json:"status_5xx,omitempty"`
	Timeout      *float64 `json:"timeout,omitempty"`
	RateLimited  *float64 `json:"rate_limited,omitempty"`
	Unauthorized *float64 `json:"unauthorized,omitempty"`
	Malformed    *float64 `json:"malformed,omitempty"`
	SlowBody     *float64 `json:"slow_body,omitempty"`
	// FirstCallsRateLimited is a count, not a rate.
	FirstCallsRateLimited *int    `json:"first_calls_rate_limited,omitempty"`
	RetryAfter            *string `json:"retry_after,omitempty"`
	Latency               *string `json:"latency,omitempty"`
}

func faultsToJSON(f Faults) faultsJSON {
	retryAfter, latency := f.RetryAfter.String(), f.Latency.String()
	return faultsJSON{Status5xx: &f.Status5xx, Timeout: &f.Timeout, RateLimited: &f.RateLimited,
		Unauthorized: &f.Unauthorized, Malformed: &f.Malformed, SlowBody: &f.SlowBody,
		FirstCallsRateLimited: &f.FirstCallsRateLimited, RetryAfter: &retryAfter, Latency: &latency}
}

// apply returns f changed by the members present in the body.
func (in faultsJSON) apply(f Faults) (Faults, error) {
	for _, p := range []struct {
		from *float64
		to   *float64
	}{{in.Status5xx, &f.Status5xx}, {in.Timeout, &f.Timeout}, {in.RateLimited, &f.RateLimited},
		{in.Unauthorized, &f.Unauthorized}, {in.Malformed, &f.Malformed}, {in.SlowBody, &f.SlowBody}} {
		if p.from != nil {
			*p.to = *p.from
		}
	}
	if in.FirstCallsRateLimited != nil {
		f.FirstCallsRateLimited = *in.FirstCallsRateLimited
	}
	var err error
	if f.RetryAfter, err = parseDuration("retry_after", in.RetryAfter, f.RetryAfter); err != nil {
		return f, err
	}
	f.Latency, err = parseDuration("latency", in.Latency, f.Latency)
	return f, err
}

func parseDuration(member string, s *string, keep time.Duration) (time.Duration, error) {
	if s == nil {
		return keep, nil
	}
	d, err := time.ParseDuration(*s)
	if err != nil {
		return keep, fmt.Errorf("parse %s: %w", member, err)
	}
	return d, nil
}

func (s *Server) getAllFaults(w http.ResponseWriter, _ *http.Request) {
	out := make(map[string]faultsJSON, len(apis))
	for _, a := range apis {
		out[a.name] = faultsToJSON(s.Faults(a.name))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getFaults(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("provider")
	if _, err := apiNamed(name); err != nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, faultsToJSON(s.Faults(name)))
}

func (s *Server) putFaults(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("provider")
	if _, err := apiNamed(name); err != nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		return
	}
	var in faultsJSON
	if !decodeAdmin(w, r, "faults", &in) {
		return
	}
	f, err := s.updateFaults(name, in)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, faultsToJSON(f))
}

// updateFaults applies a PUT body under the lock, so concurrent partial
// updates do not undo each other.
func (s *Server) updateFaults(name string, in faultsJSON) (Faults, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := in.apply(s.faults[name])
	if err == nil {
		err = f.Validate()
	}
	if err != nil {
		return Faults{}, fmt.Errorf("faults for %s: %w", name, err)
	}
	f = f.withDefaults()
	s.storeFaults(name, f)
	return f, nil
}
