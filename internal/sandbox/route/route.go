// Package route mounts a simulated API's routes behind the checks every
// API makes before it answers: first its own credential check, then the
// credential's quota. An API says only how it reads a credential and
// refuses a call it will not serve; the order of the checks, and the
// quota, are kept here once for all of them.
package route

import (
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
)

// Credential reads a call's credential as one API does. When the API
// refuses the call before reading anything (no credential, the rejected
// one, a version header missing), it writes that refusal itself and
// reports false; a refused call does not spend the quota.
type Credential func(w http.ResponseWriter, r *http.Request) (key string, ok bool)

// Mux adds one API's routes to an http.ServeMux, each behind the API's
// Credential and then the per-credential quota.
type Mux struct {
	mux        *http.ServeMux
	meter      *quota.Meter
	credential Credential
}

// New mounts routes on mux behind credential and meter's quota (nil:
// none). Routes that take no credential are added to mux directly.
func New(mux *http.ServeMux, meter *quota.Meter, credential Credential) *Mux {
	return &Mux{mux: mux, meter: meter, credential: credential}
}

// Handle serves pattern with h for calls whose credential the API
// accepts and whose quota is not spent; the others get the API's
// refusal.
func (m *Mux) Handle(pattern string, h http.Handler) {
	m.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key, ok := m.credential(w, r); ok && m.meter.Admit(w, key) {
			h.ServeHTTP(w, r)
		}
	}))
}

// HandleFunc is Handle for a handler function.
func (m *Mux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}
