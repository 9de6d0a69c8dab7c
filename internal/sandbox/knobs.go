package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Knobs returns the latency and error rate in force.
func (s *Server) Knobs() Knobs {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.knobs
}

// SetKnobs changes the latency and error rate of a running sandbox; calls
// already waiting keep the latency they started with. Out-of-range knobs
// are refused and change nothing.
func (s *Server) SetKnobs(k Knobs) error {
	if err := k.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.knobs = k
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
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "decode knobs: " + err.Error()})
		return
	}
	k, err := s.updateKnobs(in)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, toJSON(k))
}

// updateKnobs applies a PUT body under the lock, so concurrent partial
// updates do not undo each other.
func (s *Server) updateKnobs(in knobsJSON) (Knobs, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, err := in.apply(s.knobs)
	if err == nil {
		err = k.Validate()
	}
	if err != nil {
		return Knobs{}, err
	}
	s.knobs = k
	return k, nil
}

func (in knobsJSON) apply(k Knobs) (Knobs, error) {
	if in.Latency != nil {
		d, err := time.ParseDuration(*in.Latency)
		if err != nil {
			return k, fmt.Errorf("parse latency: %w", err)
		}
		k.Latency = d
	}
	if in.ErrorRate != nil {
		k.ErrorRate = *in.ErrorRate
	}
	return k, nil
}
