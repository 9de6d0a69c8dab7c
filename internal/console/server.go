// Package console serves leadgen's web console: the leads (search, versions,
// people, score, CSV export), the providers' shared health, and the dead
// letters with their lifecycle and a guarded replay. It reads everything
// from Kafka on each request, so a console runs anywhere a broker is
// reachable, inside or outside the worker processes.
package console

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/httpserve"
	"github.com/leadgen/leadgen/internal/status"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

//go:embed assets templates
var files embed.FS

// Config configures a console.
type Config struct {
	// Opts reach the brokers.
	Opts []kgo.Opt
	// Names are the topic names (with any prefix).
	Names topics.Names
	// AllowReplay turns on the replay form; without it the console is
	// read-only and refuses every replay.
	AllowReplay bool
	// Token, when set, is required on every request as a bearer token or
	// as the password of basic auth.
	Token string
	// ParkAfter is dlq.ReadBook's park threshold (default
	// dlq.DefaultParkAfter); FirstTier the retry tier replays go to
	// (default topics.DefaultTiers[0]).
	ParkAfter int
	FirstTier time.Duration
	// Status lists the providers whose backlog, quota and waiting requests
	// the providers page shows, with their quotas and the retry tiers, as
	// `leadgen status` takes them (its Names come from Names). Without
	// Providers the page shows health only.
	Status status.Config
	// ReadTimeout bounds each page's Kafka reads (default 10s).
	ReadTimeout time.Duration
	// Logger receives failed requests (default: discarded).
	Logger *slog.Logger
}

func (c *Config) setDefaults() {
	if c.ParkAfter <= 0 {
		c.ParkAfter = dlq.DefaultParkAfter
	}
	if c.FirstTier <= 0 {
		c.FirstTier = topics.DefaultTiers[0]
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 10 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Server is a console's HTTP handler.
type Server struct {
	cfg  Config
	tmpl *templates
}

// New returns a console for cfg.
func New(cfg Config) (*Server, error) {
	if len(cfg.Opts) == 0 {
		return nil, errors.New("console: no brokers")
	}
	cfg.setDefaults()
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, tmpl: t}, nil
}

// Handler routes the pages, wrapped in the security headers, the token
// check and cross-origin protection of every POST.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	assets, _ := fs.Sub(files, "assets")
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/leads", http.StatusSeeOther) })
	mux.HandleFunc("GET /leads", s.leads)
	mux.HandleFunc("GET /leads.csv", s.leadsCSV)
	mux.HandleFunc("GET /leads/{key}", s.lead)
	mux.HandleFunc("GET /providers", s.providers)
	mux.HandleFunc("GET /dlq", s.deadLetters)
	mux.HandleFunc("GET /dlq/letters/{partition}/{offset}", s.letter)
	mux.HandleFunc("POST /dlq/replay", s.replay)
	return secure(s.cfg.Token, http.NewCrossOriginProtection().Handler(mux))
}

// Serve listens on addr and serves h until ctx ends; ready receives the
// address it listens on (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := httpserve.Listen(addr)
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	if ready != nil {
		ready(ln.Addr())
	}
	if err := httpserve.Serve(ctx, srv, ln, 5*time.Second); err != nil {
		return fmt.Errorf("console on %s: %w", addr, err)
	}
	return nil
}

// fail logs err and answers with a short message (escaped by the page).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, err error) {
	s.cfg.Logger.Warn("console request failed", "path", r.URL.Path, "err", err)
	w.WriteHeader(code)
	s.render(w, "error", page{Title: "Error", Error: err.Error()})
}

// bounded returns a context for one page's reads.
func (s *Server) bounded(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.cfg.ReadTimeout)
}
