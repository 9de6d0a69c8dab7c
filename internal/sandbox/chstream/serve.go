package chstream

import (
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The API's refusals. The streaming API answers without a body of its
// own; the sandbox says what it refused.
const (
	UnauthorizedBody = `{"error":"Invalid Authorization"}`
	TooOldBody       = `{"error":"timepoint is too old"}`
	UnavailableBody  = `{"error":"service unavailable"}`
	RateLimitedBody  = `{"error":"too many requests"}`
)

// Unauthorized is the API's 401 for a key it does not know.
func Unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="leadgen sandbox stream"`)
	respond.WriteRaw(w, http.StatusUnauthorized, UnauthorizedBody)
}

// Unavailable is the API's 503.
func Unavailable(w http.ResponseWriter) {
	respond.WriteRaw(w, http.StatusServiceUnavailable, UnavailableBody)
}

// RateLimited is the API's 429: too many connections or reconnects.
func RateLimited(w http.ResponseWriter) {
	respond.WriteRaw(w, http.StatusTooManyRequests, RateLimitedBody)
}

// serve writes stream from the call's timepoint until the client leaves
// or the connection is cut.
func (s *server) serve(w http.ResponseWriter, r *http.Request, stream string) {
	t, ok, err := s.from(r)
	switch {
	case err != nil:
		respond.WriteRaw(w, http.StatusBadRequest, `{"error":"invalid timepoint"}`)
		return
	case !ok:
		respond.WriteRaw(w, http.StatusRequestedRangeNotSatisfiable, TooOldBody)
		return
	}
	flusher, _ := w.(http.Flusher)
	flush := func() {
		if flusher != nil {
			flusher.Flush()
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	flush()
	s.send(w, r, stream, t, flush)
}

// send writes the events from timepoint t, heartbeats while none is
// published, until the client leaves; a DropEvery cut aborts the
// connection as a network drop would, without a clean end of the body.
func (s *server) send(w http.ResponseWriter, r *http.Request, stream string, t int64, flush func()) {
	beat := time.NewTicker(s.cfg.Heartbeat)
	defer beat.Stop()
	sent := 0
	for r.Context().Err() == nil {
		if t >= s.head() {
			flush() // what was written before waiting
			s.idle(w, r, beat, flush)
			continue
		}
		if s.cfg.DropEvery > 0 && sent == s.cfg.DropEvery {
			panic(http.ErrAbortHandler)
		}
		if err := s.write(w, s.cfg.line(stream, t), flush); err != nil {
			return
		}
		if sent++; sent%10 == 0 {
			_, _ = w.Write([]byte("\n")) // a heartbeat between bursts
		}
		t++
	}
}

// idle waits for the next heartbeat, or a little while when events are
// published over time.
func (s *server) idle(w http.ResponseWriter, r *http.Request, beat *time.Ticker, flush func()) {
	var soon <-chan time.Time
	if s.cfg.Rate > 0 {
		wait := time.NewTimer(time.Duration(float64(time.Second) / s.cfg.Rate))
		defer wait.Stop()
		soon = wait.C
	}
	select {
	case <-beat.C:
		_, _ = w.Write([]byte("\n"))
		flush()
	case <-soon:
	case <-r.Context().Done():
	}
}

// write sends one event line, in two flushed chunks with SplitChunks.
func (s *server) write(w http.ResponseWriter, line []byte, flush func()) error {
	if s.cfg.SplitChunks {
		half := len(line) / 2
		if _, err := w.Write(line[:half]); err != nil {
			return err
		}
		flush()
		line = line[half:]
	}
	_, err := w.Write(line)
	if s.cfg.SplitChunks || s.cfg.Rate > 0 {
		flush()
	}
	return err
}
