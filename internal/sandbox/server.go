package sandbox

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// The path prefixes of the simulated APIs.
const (
	CompaniesHousePrefix = "/companies-house"
	OpenCorporatesPrefix = "/opencorporates"
	XPrefix              = "/x"
	LinkedInPrefix       = "/linkedin"
	FacebookPrefix       = "/facebook"
	WebsitePrefix        = "/website"
)

// SandboxHeader is set to "true" on every response, so nobody mistakes
// sandbox data for a real provider's.
const SandboxHeader = "X-Leadgen-Sandbox"

// Server is the sandbox: an http.Handler serving the simulated APIs, safe
// for concurrent use. A request holds no lock while it waits out a
// latency or a fault, so thousands can wait at once.
type Server struct {
	cfg  Config
	data *index
	mux  *http.ServeMux
	// now is the clock of quota windows and the call timeline.
	now func() time.Time
	// meters holds each API's quota counter, if it has one; it is not
	// changed after New.
	meters map[string]*meter
	calls  callCounter
	// timeline records when each API was called.
	timeline timeline
	seq      atomic.Uint64

	// mu guards faults, which holds every API's settings in force, and
	// firstCalls, each API's per-path call counts for
	// FirstCallsRateLimited (nil while it is 0).
	mu         sync.RWMutex
	faults     map[string]Faults
	firstCalls map[string]*callCounter
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
	s := &Server{cfg: cfg, data: dataset(), now: now, meters: meters(cfg, now)}
	s.faults, s.firstCalls = initialFaults(cfg)
	s.mux = s.routes()
	return s, nil
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.readme)
	mux.HandleFunc("GET /_sandbox/knobs", s.getKnobs)
	mux.HandleFunc("PUT /_sandbox/knobs", s.putKnobs)
	mux.HandleFunc("GET /_sandbox/faults", s.getAllFaults)
	mux.HandleFunc("GET /_sandbox/faults/{provider}", s.getFaults)
	mux.HandleFunc("PUT /_sandbox/faults/{provider}", s.putFaults)
	mux.Handle("GET "+CompaniesHousePrefix+"/search/companies", s.ch(s.chSearch))
	mux.Handle("GET "+CompaniesHousePrefix+"/company/{number}", s.ch(s.chProfile))
	mux.Handle("GET "+CompaniesHousePrefix+"/company/{number}/officers", s.ch(s.chOfficers))
	mux.Handle("GET "+CompaniesHousePrefix+"/company/{number}/persons-with-significant-control", s.ch(s.chPSCs))
	mux.Handle("GET "+CompaniesHousePrefix+"/officers/{id}/appointments", s.ch(s.chAppointments))
	mux.Handle(CompaniesHousePrefix+"/", s.ch(chNoRoute))
	mux.Handle("GET "+OpenCorporatesPrefix+"/v0.4/companies/search", s.oc(s.ocSearch))
	mux.Handle("GET "+OpenCorporatesPrefix+"/v0.4/companies/gb/{number}", s.oc(s.ocCompany))
	mux.Handle(OpenCorporatesPrefix+"/", s.oc(ocNoRoute))
	s.socialRoutes(mux)
	return mux
}

// socialRoutes adds the X, LinkedIn, Facebook and website APIs.
func (s *Server) socialRoutes(mux *http.ServeMux) {
	mux.Handle("GET "+XPrefix+"/2/users/by/username/{username}", s.xAuth(s.xUserByUsername))
	mux.Handle("GET "+XPrefix+"/2/users/by", s.xAuth(s.xUsersBy))
	mux.Handle("GET "+XPrefix+"/2/tweets/search/recent", s.xAuth(s.xSearchRecent))
	mux.Handle(XPrefix+"/", s.xAuth(xNoRoute))
	mux.Handle("GET "+LinkedInPrefix+"/rest/organizations", s.li(s.liFinder))
	mux.Handle("GET "+LinkedInPrefix+"/rest/organizations/{id}", s.li(s.liByID))
	mux.HandleFunc("POST "+LinkedInTokenPath, liAccessToken)
	mux.Handle(LinkedInPrefix+"/", s.li(liNoRoute))
	mux.Handle("GET "+FacebookPrefix+"/{version}/pages/search", s.fb(s.fbSearch))
	mux.Handle("GET "+FacebookPrefix+"/{version}/{id}", s.fb(s.fbPage))
	mux.HandleFunc(FacebookPrefix+"/", fbNoRoute)
	mux.HandleFunc("GET "+WebsitePrefix+"/{host}/{path...}", s.webServe)
	mux.HandleFunc(WebsitePrefix+"/", webNotFound)
}

// ServeHTTP labels the response as sandbox data; API calls are counted,
// delayed by their provider's latency and turned into faults at its
// rates before they reach their route.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(SandboxHeader, "true")
	a := apiFor(r.URL.Path)
	if a == nil {
		s.mux.ServeHTTP(w, r)
		return
	}
	s.calls.add(r.URL.Path)
	s.timeline.add(a.name, s.now())
	s.serveAPI(w, r, a)
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

// splitmix64 is the SplitMix64 finaliser: a well-mixed 64-bit value for
// each input.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
