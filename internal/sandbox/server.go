package sandbox

import (
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/calllog"
	"github.com/leadgen/leadgen/internal/sandbox/fault"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// SandboxHeader is set to "true" on every response, so nobody mistakes
// sandbox data for a real provider's.
const SandboxHeader = "X-Leadgen-Sandbox"

// Server is the sandbox: an http.Handler serving every simulated API
// package under its prefix, safe for concurrent use. A request holds no
// lock while it waits out a latency or a fault, so thousands can wait at
// once.
type Server struct {
	cfg Config
	mux *http.ServeMux
	// now is the clock of quota windows and the call timeline.
	now func() time.Time
	// meters holds each API's quota counter, if it has one; answers
	// how each words its injected faults. Neither changes after New.
	meters  map[string]*quota.Meter
	answers map[string]fault.Answers
	// faults holds every API's faults in force and injects them.
	faults   *fault.Injector
	calls    calllog.Counter
	timeline calllog.Timeline
}

// New returns a sandbox configured by cfg, or an error naming every
// setting out of range.
func New(cfg Config) (*Server, error) {
	return newAt(cfg, time.Now)
}

// newAt is New on the clock now, which tests turn by hand.
func newAt(cfg Config, now func() time.Time) (*Server, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, now: now, meters: map[string]*quota.Meter{}, answers: map[string]fault.Answers{},
		faults: fault.NewInjector(cfg.Seed, cfg.initialFaults())}
	s.mux = http.NewServeMux()
	s.adminRoutes(s.mux)
	for i := range apis {
		a := &apis[i]
		m := cfg.meter(a, now)
		if m != nil {
			s.meters[a.name] = m
		}
		s.answers[a.name] = s.faultAnswers(a, m)
		a.mount(s, route.At(s.mux, m))
	}
	return s, nil
}

// adminRoutes adds the sandbox's own pages: its front page and the
// fault settings.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.readme)
	mux.HandleFunc("GET /_sandbox/faults", s.getAllFaults)
	mux.HandleFunc("PUT /_sandbox/faults", s.putAllFaults)
	mux.HandleFunc("GET /_sandbox/faults/{provider}", s.getFaults)
	mux.HandleFunc("PUT /_sandbox/faults/{provider}", s.putFaults)
	mux.HandleFunc("GET /_sandbox/knobs", s.getKnobs)
	mux.HandleFunc("PUT /_sandbox/knobs", s.putKnobs)
}

// ServeHTTP labels the response as sandbox data; API calls are logged,
// delayed by their provider's latency and turned into faults at its
// rates before they reach their route.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(SandboxHeader, "true")
	a := apiFor(r.URL.Path)
	if a == nil {
		s.mux.ServeHTTP(w, r)
		return
	}
	s.calls.Add(r.URL.Path)
	s.timeline.Add(a.name, s.now())
	s.faults.Serve(w, r, a.name, s.answers[a.name], s.mux)
}
