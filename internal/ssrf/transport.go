package ssrf

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"time"
)

// Transport tuning: a provider process fetches many sites, each a few
// times, so idle connections are kept briefly and per host.
const (
	dialTimeout     = 5 * time.Second
	idleConnTimeout = 30 * time.Second
	maxIdlePerHost  = 4
	maxHeaderBytes  = 64 << 10
)

// newTransport returns a transport whose every dial is checked by g,
// except to the exempt host:port pairs, and which never uses a proxy.
func newTransport(g *Guard, resolver *net.Resolver, exemptHosts []string) *http.Transport {
	guarded := &net.Dialer{Timeout: dialTimeout, Control: g.Control, Resolver: resolver}
	plain := &net.Dialer{Timeout: dialTimeout}
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if exempt(exemptHosts, addr) {
				return plain.DialContext(ctx, network, addr)
			}
			return guarded.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    dialTimeout,
		ResponseHeaderTimeout:  MaxTimeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		IdleConnTimeout:        idleConnTimeout,
		MaxIdleConnsPerHost:    maxIdlePerHost,
	}
}

// redirectPolicy follows at most MaxRedirects redirects, each to http or
// https on a host that is a valid name (its addresses are checked when
// dialled) or a public IP literal, on a port the guard admits; exempt
// host:port pairs pass. A redirect the guard admits is then put to
// narrow, when set.
func redirectPolicy(g *Guard, exemptHosts []string, narrow func(*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if err := guardRedirect(g, exemptHosts, req, via); err != nil {
			return err
		}
		if narrow != nil {
			return narrow(req)
		}
		return nil
	}
}

func guardRedirect(g *Guard, exemptHosts []string, req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return ErrTooManyRedirects
	}
	if err := checkScheme(req.URL); err != nil {
		return fmt.Errorf("redirect: %w", err)
	}
	if exempt(exemptHosts, hostPort(req)) {
		return nil
	}
	if err := checkTarget(g, req); err != nil {
		return fmt.Errorf("redirect: %w", err)
	}
	return nil
}

// checkTarget checks a redirect's host and port before any lookup.
func checkTarget(g *Guard, req *http.Request) error {
	if port, err := strconv.ParseUint(portOf(req), 10, 16); err != nil || !g.admitsPort(uint16(port)) {
		return fmt.Errorf("%w: port %q", ErrRefused, portOf(req))
	}
	host := req.URL.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		return g.CheckAddr(ip)
	}
	if _, err := Hostname(host); err != nil {
		return fmt.Errorf("%w: %w", ErrRefused, err)
	}
	return nil
}

// portOf is the request's port, explicit or implied by its scheme.
func portOf(req *http.Request) string {
	if p := req.URL.Port(); p != "" {
		return p
	}
	if req.URL.Scheme == "http" {
		return "80"
	}
	return "443"
}

// hostPort is the host:port a transport dials for req.
func hostPort(req *http.Request) string {
	return net.JoinHostPort(req.URL.Hostname(), portOf(req))
}
