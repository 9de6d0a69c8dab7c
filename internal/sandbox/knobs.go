package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Knobs reports the latency and 5xx rate of the APIs. When the providers'
// settings differ (SetFaults or Config.Faults), each is the highest any
// provider has, so a reader never mistakes a faulty sandbox for a clean
// one; Faults gives one provider's settings exactly.
func (s *Server) Knobs() Knobs {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var k Knobs
	for _, f := range s.faults {
		k.Latency = max(k.Latency, f.Latency)
		k.ErrorRate = max(k.ErrorRate, f.Status5xx)
	}
	return k
}

// SetKnobs sets the latency and the 5xx rate of every provider, keeping
// their other faults; calls already waiting keep the latency they started
// with. Knobs out of range, or a 5xx rate that would push a provider's
// rates above 1, are refused and change nothing.
func (s *Server) SetKnobs(k Knobs) error {
	if err := k.Validate(); err != nil {
		return err
	}
	_, err := s.updateKnobs(knobsUpdate{latency: &k.Latency, errorRate: &k.ErrorRate})
	return err
}

// knobsUpdate is a change to every provider's settings; a nil member
// keeps each provider's own value.
type knobsUpdate struct {
	latency   *time.Duration
	errorRate *float64
}

// updateKnobs applies u to every provider and reports the knobs that
// result.
func (s *Server) updateKnobs(u knobsUpdate) (Knobs, error) {
	if err := s.applyToAll(u); err != nil {
		return Knobs{}, err
	}
	return s.Knobs(), nil
}

// applyToAll changes every provider under the lock, all or none, so
// concurrent partial updates do not undo each other.
func (s *Server) applyToAll(u knobsUpdate) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := make(map[string]Faults, len(s.faults))
	for name, f := range s.faults {
		if u.latency != nil {
			f.Latency = *u.latency
		}
		if u.errorRate != nil {
			f.Status5xx = *u.errorRate
		}
		if err := f.Validate(); err != nil {
			return fmt.Errorf("faults for %s: %w", name, err)
		}
		next[name] = f
	}
	s.faults = next
	return nil
}

// knobsJSON is the body of /_sandbox/knobs. Latency is a Go duration
// ("200ms"); on PUT an absent member keeps its current value.
type knobsJSON struct {
	Latency   *string  `json:"latency,omitempty"`
	ErrorRate *float64 `json:"error_rate,omitempty"`
}

func toJSON(k Knobs) knobsJSON {
	latency := k.Latency.String()
	return knobsJSON{Latency: &latency, ErrorRate: &k.ErrorRate}
}

func (s *Server) getKnobs(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, toJSON(s.Knobs()))
}

func (s *Server) putKnobs(w http.ResponseWriter, r *http.Request) {
	var in knobsJSON
	if !decodeAdmin(w, r, "knobs", &in) {
		return
	}
	u, err := in.update()
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	k, err := s.updateKnobs(u)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, toJSON(k))
}

func (in knobsJSON) update() (knobsUpdate, error) {
	u := knobsUpdate{errorRate: in.ErrorRate}
	if in.Latency != nil {
		d, err := time.ParseDuration(*in.Latency)
		if err != nil {
			return u, fmt.Errorf("parse latency: %w", err)
		}
		u.latency = &d
	}
	k := Knobs{ErrorRate: deref(u.errorRate), Latency: deref(u.latency)}
	return u, k.Validate()
}

// decodeAdmin reads a small JSON body strictly, answering 400 itself when
// it cannot.
func decodeAdmin(w http.ResponseWriter, r *http.Request, what string, into any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "decode " + what + ": " + err.Error()})
		return false
	}
	return true
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
