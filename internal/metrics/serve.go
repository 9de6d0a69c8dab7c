package metrics

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/httpserve"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Serve exposes /metrics, /healthz and /readyz (ready) on addr until ctx
// ends. It returns once the listener is bound, with the bound address.
func (m *Metrics) Serve(ctx context.Context, addr string, ready http.Handler) (string, error) {
	ln, err := httpserve.Listen(addr)
	if err != nil {
		return "", fmt.Errorf("metrics %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
	mux.Handle("/readyz", ready)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"status":"ok"}`)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := httpserve.Serve(ctx, srv, ln, 5*time.Second); err != nil {
			fmt.Println("metrics server:", err)
		}
	}()
	return ln.Addr().String(), nil
}
