package ssrf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// The limits of a fetch.
const (
	// MaxRedirects is how many redirects one fetch follows: enough for
	// http → https → www. → a localised path, few enough that a loop or
	// a hop through many hosts is cut short.
	MaxRedirects = 3
	// MaxBody is the largest body read: company home and team pages are
	// far smaller, and a larger one is more likely an attack or a
	// download than a page worth parsing.
	MaxBody = 2 << 20
	// MaxTimeout bounds one fetch, redirects and body included.
	MaxTimeout = 10 * time.Second
)

// ErrTooLarge is returned for a body longer than the limit.
var ErrTooLarge = errors.New("response body exceeds the size limit")

// ErrTooManyRedirects is returned when a fetch would follow more than
// MaxRedirects redirects.
var ErrTooManyRedirects = fmt.Errorf("more than %d redirects", MaxRedirects)

// Config sets up a Fetcher. The zero value is the full guard.
type Config struct {
	// Timeout bounds one fetch; default and maximum MaxTimeout.
	Timeout time.Duration
	// MaxBody bounds one body in bytes; default and maximum MaxBody.
	MaxBody int64
	// Resolver looks names up; default net.DefaultResolver. Every address
	// it returns is still checked when dialled, so no resolver can lift
	// the guard; tests use one to point names at loopback.
	Resolver *net.Resolver
	// Ports are the ports the guard admits; default DefaultPorts.
	Ports []uint16
	// Exempt lists host:port pairs, exactly as a request URL names them
	// (e.g. "127.0.0.1:8081"), that are dialled without the guard and
	// may be redirected to. It exists for a leadgen sandbox on loopback
	// and must never hold anything taken from input; default none.
	Exempt []string
	// Wrap, if set, wraps the guarded transport, e.g. to send every
	// request to a sandbox; it cannot lift the guard for other hosts.
	Wrap func(http.RoundTripper) http.RoundTripper
	// CheckRedirect, if set, is asked about every redirect the guard
	// admits and may refuse it: the fetch then fails with its error. It
	// narrows the guard (e.g. no downgrade to plain http), never widens
	// it; default none.
	CheckRedirect func(req *http.Request) error
}

// Fetcher makes guarded GET requests. It is safe for concurrent use.
type Fetcher struct {
	client  *http.Client
	maxBody int64
	timeout time.Duration
}

// Page is a fetched response: the URL it came from after redirects, its
// status, headers and body.
type Page struct {
	URL    *url.URL
	Status int
	Header http.Header
	Body   []byte
}

// New returns a fetcher configured by cfg, or an error for settings above
// the limits.
func New(cfg Config) (*Fetcher, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	g := NewGuard(cfg.Ports...)
	var rt http.RoundTripper = newTransport(g, cfg.Resolver, cfg.Exempt)
	if cfg.Wrap != nil {
		rt = cfg.Wrap(rt)
	}
	return &Fetcher{
		client:  &http.Client{Transport: rt, CheckRedirect: redirectPolicy(g, cfg.Exempt, cfg.CheckRedirect), Timeout: cfg.Timeout},
		maxBody: cfg.MaxBody, timeout: cfg.Timeout,
	}, nil
}

func (c Config) validate() error {
	var errs []error
	if c.Timeout < 0 || c.Timeout > MaxTimeout {
		errs = append(errs, fmt.Errorf("ssrf fetch timeout must be within 0..%s, got %s", MaxTimeout, c.Timeout))
	}
	if c.MaxBody < 0 || c.MaxBody > MaxBody {
		errs = append(errs, fmt.Errorf("ssrf max body must be within 0..%d bytes, got %d", MaxBody, c.MaxBody))
	}
	return errors.Join(errs...)
}

func (c *Config) setDefaults() {
	if c.Timeout == 0 {
		c.Timeout = MaxTimeout
	}
	if c.MaxBody == 0 {
		c.MaxBody = MaxBody
	}
}

// Get fetches u with the given headers. The caller builds u from a
// Hostname; redirects are followed under the guard. Errors wrap
// ErrRefused, ErrTooManyRedirects or ErrTooLarge when those are the
// cause, and never quote more of a URL than the fetcher was given.
func (f *Fetcher) Get(ctx context.Context, u *url.URL, header http.Header) (*Page, error) {
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	if header != nil {
		req.Header = header.Clone()
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, unwrapURL(err)
	}
	defer resp.Body.Close()
	body, err := ReadBody(resp.Body, f.maxBody)
	if err != nil {
		return nil, err
	}
	return &Page{URL: resp.Request.URL, Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// ReadBody reads r to its end, or fails with ErrTooLarge once it has
// more than limit bytes.
func ReadBody(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w of %d bytes", ErrTooLarge, limit)
	}
	return b, nil
}

// unwrapURL drops the *url.Error layer, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q is not http or https", ErrRefused, u.Scheme)
	}
	return nil
}

func exempt(list []string, hostPort string) bool { return slices.Contains(list, hostPort) }
