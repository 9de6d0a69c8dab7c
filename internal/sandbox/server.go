package sandbox

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The path prefixes of the simulated APIs.
const (
	CompaniesHousePrefix = "/companies-house"
	OpenCorporatesPrefix = "/opencorporates"
)

// SandboxHeader is set to "true" on every response, so nobody mistakes
// sandbox data for a real provider's.
const SandboxHeader = "X-Leadgen-Sandbox"

// Server is the sandbox: an http.Handler serving the simulated APIs, safe
// for concurrent use. A request holds no lock while it waits out the
// latency knob, so thousands can wait at once.
type Server struct {
	cfg     Config
	data    *index
	mux     *http.ServeMux
	limiter *limiter
	calls   callCounter
	seq     atomic.Uint64

	mu    sync.RWMutex
	knobs Knobs
}

// New returns a sandbox configured by cfg, or an error naming every
// setting out of range.
func New(cfg Config) (*Server, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, data: dataset(), knobs: Knobs{Latency: cfg.Latency, ErrorRate: cfg.ErrorRate}}
	if cfg.RateLimit > 0 {
		s.limiter = newLimiter(cfg.RateLimit, cfg.RateWindow, time.Now)
	}
	s.mux = s.routes()
	return s, nil
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.readme)
	mux.HandleFunc("GET /_sandbox/knobs", s.getKnobs)
	mux.HandleFunc("PUT /_sandbox/knobs", s.putKnobs)
	mux.Handle("GET "+CompaniesHousePrefix+"/search/companies", s.ch(s.chSearch))
	mux.Handle("GET "+CompaniesHousePrefix+"/company/{number}", s.ch(s.chProfile))
	mux.Handle("GET "+CompaniesHousePrefix+"/company/{number}/officers", s.ch(s.chOfficers))
	mux.Handle("GET "+CompaniesHousePrefix+"/company/{number}/persons-with-significant-control", s.ch(s.chPSCs))
	mux.Handle(CompaniesHousePrefix+"/", s.ch(chNoRoute))
	mux.Handle("GET "+OpenCorporatesPrefix+"/v0.4/companies/search", s.oc(s.ocSearch))
	mux.Handle("GET "+OpenCorporatesPrefix+"/v0.4/companies/gb/{number}", s.oc(s.ocCompany))
	mux.Handle(OpenCorporatesPrefix+"/", s.oc(ocNoRoute))
	return mux
}

// ServeHTTP labels the response as sandbox data; API calls are counted,
// delayed by the latency knob and turned into faults at the error rate
// before they reach their route.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(SandboxHeader, "true")
	fault := faultFor(r.URL.Path)
	if fault == nil {
		s.mux.ServeHTTP(w, r)
		return
	}
	s.calls.add(r.URL.Path)
	k := s.Knobs()
	if !wait(r.Context(), k.Latency) {
		return
	}
	if s.injectFault(k.ErrorRate) {
		fault(w)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// faultFor returns the writer of the injected-fault response of the API
// that serves path, or nil for the sandbox's own pages.
func faultFor(path string) func(http.ResponseWriter) {
	switch {
	case strings.HasPrefix(path, CompaniesHousePrefix+"/"):
		return chUnavailable
	case strings.HasPrefix(path, OpenCorporatesPrefix+"/"):
		return ocUnavailable
	default:
		return nil
	}
}

// wait blocks for d or until ctx ends, and reports whether the response
// should still be written.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// injectFault decides from the seed and the request's sequence number, so
// a run with the same seed faults the same calls without sharing a
// locked random source.
func (s *Server) injectFault(rate float64) bool {
	if rate <= 0 {
		return false
	}
	x := splitmix64(uint64(s.cfg.Seed) + s.seq.Add(1))
	return float64(x>>11)/(1<<53) < rate
}

// splitmix64 is the SplitMix64 finaliser: a well-mixed 64-bit value for
// each input.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
