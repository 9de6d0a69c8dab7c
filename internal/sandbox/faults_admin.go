package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The admin endpoints read and change the faults in force:
//
//	GET /_sandbox/faults                 every provider's faults, by name
//	PUT /_sandbox/faults                 change every provider's faults at once
//	GET /_sandbox/faults/{provider}      one provider's faults
//	PUT /_sandbox/faults/{provider}      change one provider's faults
//
// knobs_admin.go keeps /_sandbox/knobs, their latency-and-5xx shorthand.

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

// change reads the body as a change to a provider's faults: the members
// present replace their values.
func (in faultsJSON) change() (func(Faults) Faults, error) {
	retryAfter, err := parseDuration("retry_after", in.RetryAfter)
	if err != nil {
		return nil, err
	}
	latency, err := parseDuration("latency", in.Latency)
	if err != nil {
		return nil, err
	}
	return func(f Faults) Faults {
		setIf(&f.Status5xx, in.Status5xx)
		setIf(&f.Timeout, in.Timeout)
		setIf(&f.RateLimited, in.RateLimited)
		setIf(&f.Unauthorized, in.Unauthorized)
		setIf(&f.Malformed, in.Malformed)
		setIf(&f.SlowBody, in.SlowBody)
		setIf(&f.FirstCallsRateLimited, in.FirstCallsRateLimited)
		setIf(&f.RetryAfter, retryAfter)
		setIf(&f.Latency, latency)
		return f
	}, nil
}

// setIf sets *to to *from when from is present.
func setIf[T any](to, from *T) {
	if from != nil {
		*to = *from
	}
}

// parseDuration reads a member's Go duration; nil when absent.
func parseDuration(member string, s *string) (*time.Duration, error) {
	if s == nil {
		return nil, nil
	}
	d, err := time.ParseDuration(*s)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", member, err)
	}
	return &d, nil
}

func (s *Server) getAllFaults(w http.ResponseWriter, _ *http.Request) {
	respond.WriteJSON(w, http.StatusOK, allToJSON(s.faults.All()))
}

func allToJSON(all map[string]Faults) map[string]faultsJSON {
	out := make(map[string]faultsJSON, len(all))
	for name, f := range all {
		out[name] = faultsToJSON(f)
	}
	return out
}

func (s *Server) putAllFaults(w http.ResponseWriter, r *http.Request) {
	if s.updateFaults(w, r, Providers()) != nil {
		respond.WriteJSON(w, http.StatusOK, allToJSON(s.faults.All()))
	}
}

func (s *Server) getFaults(w http.ResponseWriter, r *http.Request) {
	if name, ok := provider(w, r); ok {
		respond.WriteJSON(w, http.StatusOK, faultsToJSON(s.Faults(name)))
	}
}

func (s *Server) putFaults(w http.ResponseWriter, r *http.Request) {
	name, ok := provider(w, r)
	if !ok {
		return
	}
	if in := s.updateFaults(w, r, []string{name}); in != nil {
		respond.WriteJSON(w, http.StatusOK, faultsToJSON(in[0]))
	}
}

// provider reads the path's provider, answering 404 itself for one the
// sandbox does not serve.
func provider(w http.ResponseWriter, r *http.Request) (string, bool) {
	name := r.PathValue("provider")
	if _, err := apiNamed(name); err != nil {
		respond.WriteJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		return "", false
	}
	return name, true
}

// updateFaults applies a PUT body of faultsJSON members to the named
// providers, all or none, and returns their faults now in force; it
// answers 400 itself, and returns nil, for a body it cannot read or a
// change out of range.
func (s *Server) updateFaults(w http.ResponseWriter, r *http.Request, names []string) []Faults {
	var in faultsJSON
	if !decodeAdmin(w, r, "faults", &in) {
		return nil
	}
	return s.applyFaults(w, in, names)
}

// applyFaults is updateFaults with its body read.
func (s *Server) applyFaults(w http.ResponseWriter, in faultsJSON, names []string) []Faults {
	change, err := in.change()
	var now []Faults
	if err == nil {
		now, err = s.faults.Update(names, change)
	}
	if err != nil {
		respond.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return nil
	}
	return now
}

// decodeAdmin reads a small JSON body strictly, answering 400 itself when
// it cannot.
func decodeAdmin(w http.ResponseWriter, r *http.Request, what string, into any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		respond.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "decode " + what + ": " + err.Error()})
		return false
	}
	return true
}
