package chstream

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// DefaultURL is the streaming API's base URL.
const DefaultURL = "https://stream.companieshouse.gov.uk"

// DefaultMaxConnections is how many streams one stream key may hold open
// at once: Companies House allows an account two.
const DefaultMaxConnections = 2

// Config configures a Client. Zero values take the defaults their doc
// comments give.
type Config struct {
	// URL is the API's base URL (default DefaultURL).
	URL string
	// Key is the stream key, sent as the HTTP Basic user name and never
	// logged or put into an error.
	Key string
	// MaxConnections bounds the streams open at once (default
	// DefaultMaxConnections).
	MaxConnections int
	// MinBackoff and MaxBackoff bound the exponential wait before a
	// reconnect after a drop, a 429 or an error (defaults 1s and 1m: the
	// API drops streams nightly and a reconnect storm would be refused).
	MinBackoff, MaxBackoff time.Duration
	// IdleTimeout drops a stream that sent nothing, not even a heartbeat,
	// for this long (default 2m; the API sends heartbeats far more often).
	IdleTimeout time.Duration
	// HTTP is the client of the calls (default: a client without an
	// overall timeout, as a stream lasts hours).
	HTTP *http.Client
	// Logger receives one line per interruption (default slog.Default).
	Logger *slog.Logger
	// OnInterruption, when set, is told of every interruption a line is
	// logged for, by kind: dropped, rate_limited, timepoint_too_old,
	// refused or connect_failed; metrics count them.
	OnInterruption func(s Stream, kind string)
}

// Client follows streams of the API. It is safe for concurrent use: each
// Follow holds one connection at a time, and all of them together at most
// MaxConnections.
type Client struct {
	cfg   Config
	base  *url.URL
	slots chan struct{}
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	cfg.URL = cmp.Or(cfg.URL, DefaultURL)
	cfg.MaxConnections = cmp.Or(cfg.MaxConnections, DefaultMaxConnections)
	cfg.MinBackoff = cmp.Or(cfg.MinBackoff, time.Second)
	cfg.MaxBackoff = cmp.Or(cfg.MaxBackoff, time.Minute)
	cfg.IdleTimeout = cmp.Or(cfg.IdleTimeout, 2*time.Minute)
	cfg.Logger = cmp.Or(cfg.Logger, slog.Default())
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{}
	}
	if cfg.Key == "" {
		return nil, errors.New("companies house stream: no stream key (LEADGEN_COMPANIES_HOUSE_STREAM_KEY or _FILE)")
	}
	if cfg.MaxConnections < 0 || cfg.MinBackoff < 0 || cfg.MaxBackoff < cfg.MinBackoff {
		return nil, errors.New("companies house stream: max connections and backoffs must be positive, the maximum backoff at least the minimum")
	}
	base, err := url.Parse(cfg.URL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, fmt.Errorf("companies house stream: URL %q: want http(s)://host[/path]", cfg.URL)
	}
	return &Client{cfg: cfg, base: base, slots: make(chan struct{}, cfg.MaxConnections)}, nil
}

// Handler receives a stream's events in order. An error stops Follow and
// is returned by it.
type Handler func(*Event) error

// ErrUnauthorized is returned by Follow when the API refuses the stream
// key (401 or 403): retrying cannot help.
var ErrUnauthorized = errors.New("companies house stream: stream key refused")

// Follow reads stream s from timepoint from (0: from now) and hands each
// event to handle, until ctx ends, handle fails or the key is refused.
// After a drop it resumes from the last event handed over (the API sends
// that event again: handlers skip timepoints they have seen); after a 416
// (timepoint too old) it starts again from now and logs the gap.
func (c *Client) Follow(ctx context.Context, s Stream, from int64, handle Handler) error {
	f := follower{c: c, stream: s, next: from, handle: handle, wait: c.backoff(),
		log: c.cfg.Logger.With("stream", string(s))}
	for {
		again, err := f.connect(ctx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case !again:
			return err
		}
		if err := f.pause(ctx); err != nil {
			return err
		}
	}
}

func (c *Client) backoff() *backoff.ExponentialBackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval, b.MaxInterval = c.cfg.MinBackoff, c.cfg.MaxBackoff
	return b
}

// acquire takes one of the account's connections, waiting for a free
// one.
func (c *Client) acquire(ctx context.Context) error {
	select {
	case c.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) release() { <-c.slots }

// request builds the GET of stream s from timepoint from.
func (c *Client) request(ctx context.Context, s Stream, from int64) (*http.Request, error) {
	u := c.base.JoinPath(string(s))
	if from > 0 {
		u.RawQuery = url.Values{"timepoint": {strconv.FormatInt(from, 10)}}.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("companies house stream %s: build request: %w", s, err)
	}
	req.SetBasicAuth(c.cfg.Key, "")
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// idleReader cancels its stream when nothing arrives for the idle
// timeout: a read resets the timer.
type idleReader struct {
	r     io.Reader
	timer *time.Timer
	idle  time.Duration
}

func (i *idleReader) Read(p []byte) (int, error) {
	n, err := i.r.Read(p)
	i.timer.Reset(i.idle)
	return n, err
}
