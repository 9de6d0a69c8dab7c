package respond

import (
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
)

// Fixed is an answer that never changes: a status and the body the real
// API writes with it, byte for byte. Most of an API's refusals are one;
// each API keeps its own, and the Server and the API's routes write them
// through these methods.
type Fixed struct {
	Status int
	Body   string
}

// Write answers with f.
func (f Fixed) Write(w http.ResponseWriter) { WriteRaw(w, f.Status, f.Body) }

// ServeHTTP answers every request with f, as a catch-all route does.
func (f Fixed) ServeHTTP(w http.ResponseWriter, _ *http.Request) { f.Write(w) }

// Refuse answers a call beyond a quota with f, for an API whose refusal
// says nothing of when the quota frees up.
func (f Fixed) Refuse(w http.ResponseWriter, _ quota.Status) { f.Write(w) }
