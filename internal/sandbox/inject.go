package sandbox

import (
	"bytes"
	"net/http"
	"time"
)

// fault is the failure injected into one call.
type fault int

// The faults, in the order of Faults.rates.
const (
	noFault fault = iota
	faultStatus5xx
	faultTimeout
	faultRateLimited
	faultUnauthorized
	faultMalformed
	faultSlowBody
)

// faultKinds is the number of faults a call may suffer.
const faultKinds = int(faultSlowBody)

var faultNames = [...]string{"none", "status 5xx", "timeout", "rate limited", "unauthorized", "malformed", "slow body"}

func (f fault) String() string { return faultNames[f] }

// draw picks the call's fault with one draw against the stacked rates. It
// decides from the seed and the call's sequence number, so a run with the
// same seed faults the same calls without sharing a locked random source;
// a fault-free API does not advance the sequence.
func (s *Server) draw(f Faults) fault {
	rates := f.rates()
	sum := 0.0
	for _, r := range rates {
		sum += r
	}
	if sum <= 0 {
		return noFault
	}
	u := float64(splitmix64(uint64(s.cfg.Seed)+s.seq.Add(1))>>11) / (1 << 53)
	for i, r := range rates {
		if u < r {
			return fault(i + 1)
		}
		u -= r
	}
	return noFault
}

// serveAPI answers one call of a: it waits out the latency, then either
// injects the call's fault or lets the route answer.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, a *api) {
	f, first := s.settings(a.name)
	kind := faultRateLimited
	if !amongFirstCalls(first, r.URL.Path, f.FirstCallsRateLimited) {
		kind = s.draw(f)
	}
	if kind == faultSlowBody {
		s.trickle(w, r, slowBodyTime(f.Latency))
		return
	}
	if !wait(r.Context(), f.Latency) {
		return
	}
	switch kind {
	case faultStatus5xx:
		a.unavailable(w)
	case faultTimeout:
		<-r.Context().Done()
	case faultRateLimited:
		a.rateLimited(w, s.spent(a.name, f.RetryAfter))
	case faultUnauthorized:
		a.unauthorized(w)
	case faultMalformed:
		s.truncate(w, r)
	default:
		s.mux.ServeHTTP(w, r)
	}
}

// slowBodyTime is how long a slow body takes to arrive.
func slowBodyTime(latency time.Duration) time.Duration {
	if latency == 0 {
		return MinSlowBody
	}
	return 4 * latency
}

// truncate answers 200 with the first half of the route's real body: a
// proper prefix of a JSON document is never valid JSON, and half a web
// page loses its end. The route's content type is kept.
func (s *Server) truncate(w http.ResponseWriter, r *http.Request) {
	c := s.capture(w, r)
	body := c.body.Bytes()
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body[:len(body)/2])
}

// trickleChunks is how many pieces a slow body is sent in.
const trickleChunks = 16

// trickle sends the route's real status and headers at once, then its
// body in pieces spread over d; it stops when the client goes away.
func (s *Server) trickle(w http.ResponseWriter, r *http.Request, d time.Duration) {
	c := s.capture(w, r)
	w.WriteHeader(c.status)
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	body := c.body.Bytes()
	size := max(1, (len(body)+trickleChunks-1)/trickleChunks)
	for len(body) > 0 {
		n := min(size, len(body))
		if _, err := w.Write(body[:n]); err != nil || rc.Flush() != nil {
			return
		}
		body = body[n:]
		if len(body) > 0 && !wait(r.Context(), d/trickleChunks) {
			return
		}
	}
}

// capture runs the route into a buffer; headers the route sets land on
// w, the status and body are kept for the fault to alter.
func (s *Server) capture(w http.ResponseWriter, r *http.Request) *captured {
	c := &captured{header: w.Header()}
	s.mux.ServeHTTP(c, r)
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c
}

// captured is a ResponseWriter that keeps what a route wrote.
type captured struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captured) Header() http.Header { return c.header }

func (c *captured) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}

func (c *captured) Write(b []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	return c.body.Write(b)
}
