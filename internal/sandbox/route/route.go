// Package route mounts a simulated API's routes behind the checks every
// API makes before it answers: first its own credential check, then the
// credential's quota. An API says only how it reads a credential and
// refuses a call it will not serve; the order of the checks, and the
// quota, are kept here once for all of them.
package route

import (
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// Credential reads a call's credential as one API does. When the API
// refuses the call before reading anything (no credential, the rejected
// one, a version header missing), it writes that refusal itself and
// reports false; a refused call does not spend the quota.
type Credential func(w http.ResponseWriter, r *http.Request) (key string, ok bool)

// BasicKey is the Credential of an API that takes its key as the user
// name of HTTP Basic, as both Companies House APIs do; a call without
// one, or with the rejected one, gets the API's refusal from
// unauthorized.
func BasicKey(unauthorized func(http.ResponseWriter)) Credential {
	return func(w http.ResponseWriter, r *http.Request) (string, bool) {
		key, _, ok := r.BasicAuth()
		if !ok || key == "" || key == respond.RejectedKey {
			unauthorized(w)
			return "", false
		}
		return key, true
	}
}

// Place is where the sandbox mounts one API: its mux, and the meter of
// the API's quota (nil: none), which the API never handles itself.
type Place struct {
	mux   *http.ServeMux
	meter *quota.Meter
}

// At is the Place on mux whose calls meter counts (nil: no quota).
func At(mux *http.ServeMux, meter *quota.Meter) Place {
	return Place{mux: mux, meter: meter}
}

// Behind returns the Mux adding routes at p behind credential, then the
// per-credential quota.
func (p Place) Behind(credential Credential) *Mux {
	return &Mux{place: p, credential: credential}
}

// Handle serves pattern with h before any check, for the routes that
// take no credential and spend no quota.
func (p Place) Handle(pattern string, h http.Handler) { p.mux.Handle(pattern, h) }

// HandleFunc is Handle for a handler function.
func (p Place) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	p.mux.HandleFunc(pattern, h)
}

// Mux adds one API's routes to its Place, each behind the API's
// Credential and then the per-credential quota.
type Mux struct {
	place      Place
	credential Credential
}

// Handle serves pattern with h for calls whose credential the API
// accepts and whose quota is not spent; the others get the API's
// refusal.
func (m *Mux) Handle(pattern string, h http.Handler) {
	m.place.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key, ok := m.credential(w, r); ok && m.place.meter.Admit(w, key) {
			h.ServeHTTP(w, r)
		}
	}))
}

// HandleFunc is Handle for a handler function.
func (m *Mux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}
