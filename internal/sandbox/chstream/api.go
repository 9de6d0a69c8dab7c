// Package chstream simulates the Companies House streaming API: the
// officers, persons-with-significant-control and companies streams, each
// an endless response of newline-delimited JSON events with blank
// heartbeat lines, resumable by ?timepoint=. Events are drawn
// deterministically from the timepoint: every DatasetEvery-th is about a
// company of the sandbox dataset, the rest about companies it does not
// have. Knobs cut a connection every N events, split events across
// chunks, and refuse timepoints too old with 416; 429s and 5xx come from
// the sandbox's one fault mechanism, as for every other API.
package chstream

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// Prefix is the path the API is served under, as
// https://stream.companieshouse.gov.uk is in production.
const Prefix = "/companies-house-stream"

// Streams are the paths served under Prefix.
var Streams = []string{"officers", "persons-with-significant-control", "companies"}

// Config shapes the streams. The zero value, after defaults, is an
// endless stream of DefaultRate events a second per stream.
type Config struct {
	// Start is the first timepoint (default 1,000,000).
	Start int64
	// Events is how many events each stream has (0: endless). After the
	// last, the stream sends heartbeats only.
	Events int64
	// Rate is how many events a second each stream publishes, from when
	// the sandbox starts. 0 publishes every event at once, and a stream
	// opened without a timepoint then starts at Start; an endless stream
	// (Events 0) then gets DefaultRate.
	Rate float64
	// DatasetEvery makes every DatasetEvery-th event one about a dataset
	// company (default 10).
	DatasetEvery int
	// DropEvery cuts a connection, as the real API does nightly, after it
	// sent this many events (0: never).
	DropEvery int
	// SplitChunks writes every event in two chunks flushed apart, so a
	// client must join JSON objects across reads.
	SplitChunks bool
	// Heartbeat is how often a stream with nothing to send writes a blank
	// line (default 5s).
	Heartbeat time.Duration
	// Retain is how many of the newest timepoints a resume may ask for;
	// an older one is answered 416 (0: every one since Start). A
	// timepoint below Start is always too old.
	Retain int64
}

func (c *Config) setDefaults() {
	c.Start = cmp.Or(c.Start, 1_000_000)
	c.DatasetEvery = cmp.Or(c.DatasetEvery, 10)
	c.Heartbeat = cmp.Or(c.Heartbeat, 5*time.Second)
	if c.Rate == 0 && c.Events == 0 {
		c.Rate = DefaultRate // an endless stream at once would be a busy loop
	}
}

// DefaultRate is the events a second of an endless stream given no rate.
const DefaultRate = 1

// Validate reports every setting out of range.
func (c Config) Validate() error {
	var errs []error
	if c.Start < 0 || c.Events < 0 || c.Retain < 0 || c.DropEvery < 0 || c.DatasetEvery < 0 {
		errs = append(errs, errors.New("stream start, events, retain, drop-every and dataset-every must not be negative"))
	}
	if c.Rate < 0 || c.Heartbeat < 0 {
		errs = append(errs, errors.New("stream rate and heartbeat must not be negative"))
	}
	return errors.Join(errs...)
}

// server serves the streams from its start on its clock.
type server struct {
	cfg   Config
	now   func() time.Time
	begun time.Time
}

// Mount adds the streams under Prefix at their place, behind the stream
// key (HTTP Basic, the key as user name).
func Mount(at route.Place, cfg Config, now func() time.Time) {
	cfg.setDefaults()
	s := &server{cfg: cfg, now: now, begun: now()}
	routes := at.Behind(route.BasicKey(Unauthorized))
	for _, name := range Streams {
		routes.HandleFunc("GET "+Prefix+"/"+name, func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, name) })
	}
	routes.Handle(Prefix+"/", http.NotFoundHandler())
}

// head is the newest published timepoint plus one.
func (s *server) head() int64 {
	end := s.cfg.Start + s.cfg.Events
	if s.cfg.Rate == 0 {
		if s.cfg.Events == 0 {
			return 1<<62 - 1
		}
		return end
	}
	h := s.cfg.Start + int64(s.now().Sub(s.begun).Seconds()*s.cfg.Rate)
	if s.cfg.Events > 0 {
		h = min(h, end)
	}
	return h
}

// from is where a call starts: its timepoint, or now without one; ok is
// false for a timepoint too old.
func (s *server) from(r *http.Request) (int64, bool, error) {
	q := r.URL.Query().Get("timepoint")
	if q == "" {
		if s.cfg.Rate == 0 {
			return s.cfg.Start, true, nil
		}
		return s.head(), true, nil
	}
	t, err := strconv.ParseInt(q, 10, 64)
	if err != nil || t < 0 {
		return 0, false, fmt.Errorf("timepoint %q: want a whole number", q)
	}
	oldest := s.cfg.Start
	if s.cfg.Retain > 0 {
		oldest = max(oldest, s.head()-s.cfg.Retain)
	}
	return t, t >= oldest, nil
}
