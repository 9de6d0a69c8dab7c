package sandbox

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/httpserve"
	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// shutdownGrace bounds how long a stopping sandbox waits for responses
// already being written; waiting calls are cancelled at once.
const shutdownGrace = 5 * time.Second

// ListenAndServe serves the sandbox on addr until ctx ends, then shuts
// down and returns nil; it returns an error if addr cannot be bound or
// serving fails.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := httpserve.Listen(addr)
	if err != nil {
		return fmt.Errorf("sandbox %w", err)
	}
	return s.serve(ctx, ln)
}

// Start serves the sandbox on addr in the background until ctx ends and
// returns its base URL, e.g. "http://127.0.0.1:40123" for addr
// "127.0.0.1:0".
func (s *Server) Start(ctx context.Context, addr string) (baseURL string, err error) {
	ln, err := httpserve.Listen(addr)
	if err != nil {
		return "", fmt.Errorf("sandbox %w", err)
	}
	go func() {
		if err := s.serve(ctx, ln); err != nil {
			s.cfg.Logger.Error("sandbox stopped", "err", err)
		}
	}()
	return "http://" + dialable(ln.Addr()), nil
}

// serve serves on ln until ctx ends; waiting calls are cancelled as the
// shutdown starts.
func (s *Server) serve(ctx context.Context, ln net.Listener) error {
	base, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	srv.RegisterOnShutdown(cancel)
	s.cfg.Logger.Info("leadgen sandbox listening: simulated provider APIs over fictional companies",
		"addr", ln.Addr().String(), "companies", dataset.Len())
	err := httpserve.Serve(ctx, srv, ln, shutdownGrace)
	if ctx.Err() != nil {
		s.cfg.Logger.Info("leadgen sandbox stopped", "addr", ln.Addr().String())
	}
	if err != nil {
		return fmt.Errorf("sandbox %w", err)
	}
	return nil
}

// dialable turns a wildcard listen address into one a client can dial.
func dialable(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}
