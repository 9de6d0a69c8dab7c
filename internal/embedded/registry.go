package embedded

import (
	"context"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/httpserve"
	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// Registry is a running in-memory Confluent-compatible Schema Registry
// (franz-go's srfake), the registry's stand-in as kfake is the broker's.
// It forgets every schema when it stops.
type Registry struct {
	url    string
	cancel context.CancelFunc
	done   chan error
}

// registryGrace is how long a stopping registry lets answers finish.
const registryGrace = 2 * time.Second

// StartRegistry serves an empty registry on listen, host:port (port 0
// picks a free one), until Close.
func StartRegistry(listen string) (*Registry, error) {
	ln, err := httpserve.Listen(listen)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &Registry{url: "http://" + ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	srv := &http.Server{Handler: srfake.NewRegistry().Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { r.done <- httpserve.Serve(ctx, srv, ln, registryGrace) }()
	return r, nil
}

// URL is the registry's base URL, e.g. http://127.0.0.1:8081.
func (r *Registry) URL() string { return r.url }

// Close stops the registry and waits for it.
func (r *Registry) Close() {
	r.cancel()
	<-r.done
}
