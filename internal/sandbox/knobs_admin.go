package sandbox

import (
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// knobsJSON is the body of /_sandbox/knobs, the shorthand of a PUT
// /_sandbox/faults with only latency and status_5xx. Latency is a Go
// duration ("200ms"); on PUT an absent member keeps its current value.
type knobsJSON struct {
	Latency   *string  `json:"latency,omitempty"`
	ErrorRate *float64 `json:"error_rate,omitempty"`
}

func knobsToJSON(k Knobs) knobsJSON {
	latency := k.Latency.String()
	return knobsJSON{Latency: &latency, ErrorRate: &k.ErrorRate}
}

func (s *Server) getKnobs(w http.ResponseWriter, _ *http.Request) {
	respond.WriteJSON(w, http.StatusOK, knobsToJSON(s.Knobs()))
}

func (s *Server) putKnobs(w http.ResponseWriter, r *http.Request) {
	var in knobsJSON
	if !decodeAdmin(w, r, "knobs", &in) {
		return
	}
	if s.applyFaults(w, faultsJSON{Latency: in.Latency, Status5xx: in.ErrorRate}, Providers()) != nil {
		respond.WriteJSON(w, http.StatusOK, knobsToJSON(s.Knobs()))
	}
}
