package website

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics, and
// the source on the executives it finds.
const ProviderName = "website"

// Client is the website provider. It is safe for concurrent use.
type Client struct {
	cfg   Config
	fetch *ssrf.Fetcher
	sites *sites
	clock clock
	// pageHeader and robotsHeader are sent with every page and robots.txt
	// request: what is accepted, and who asks.
	pageHeader, robotsHeader http.Header
}

var _ provider.Provider = (*Client)(nil)

// New returns a client configured by cfg, or an error naming every
// setting that is out of range.
func New(cfg Config) (*Client, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	f, err := ssrf.New(fetcherConfig(cfg))
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, fetch: f, clock: wallClock{}}
	c.sites = newSites(c.clock)
	c.pageHeader, c.robotsHeader = headers(cfg.UserAgent)
	return c, nil
}

// headers are the page and robots.txt request headers: a browser-like
// Accept for pages, plain text for robots.txt, and the User-Agent, so
// site owners can tell who read and whom to ask.
func headers(userAgent string) (page, robots http.Header) {
	page = http.Header{
		"Accept":          {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
		"Accept-Language": {"en-GB,en;q=0.8"},
		"User-Agent":      {userAgent},
	}
	robots = http.Header{"Accept": {"text/plain,*/*;q=0.1"}, "User-Agent": {userAgent}}
	return page, robots
}

// fetcherConfig is the full guard, which refuses redirects to plain http
// unless allowed, less the sandbox's one host:port when SandboxURL is
// set.
func fetcherConfig(cfg Config) ssrf.Config {
	fc := ssrf.Config{Timeout: cfg.Timeout, Resolver: cfg.resolver}
	if !cfg.AllowHTTP {
		fc.CheckRedirect = refusePlainHTTP
	}
	if cfg.SandboxURL == "" {
		return fc
	}
	base, _ := url.Parse(cfg.SandboxURL) // validated in New
	fc.Exempt = []string{hostPort(base)}
	fc.Wrap = func(next http.RoundTripper) http.RoundTripper { return &sandboxTransport{base: base, next: next} }
	return fc
}

// errPlainHTTP refuses a redirect to http when plain http is not allowed.
var errPlainHTTP = errors.New("redirect to plain http, which is not allowed")

func refusePlainHTTP(req *http.Request) error {
	if req.URL.Scheme == "http" {
		return errPlainHTTP
	}
	return nil
}

// Name returns "website".
func (c *Client) Name() string { return ProviderName }

// Lookup reads the request's domain. Without one the result is NOT_FOUND;
// a domain that is not a bare host name is a permanent failure, and is
// never fetched.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	if req.Domain == nil || strings.TrimSpace(*req.Domain) == "" {
		return noDomain(), nil
	}
	host, err := ssrf.Hostname(*req.Domain)
	if err != nil {
		return nil, failure.New(failure.Permanent, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	l := &lookup{c: c, host: host, req: req, deadline: c.clock.Now().Add(c.cfg.Timeout)}
	return l.run(ctx)
}

// hostPort is the host:port a URL is dialled at.
func hostPort(u *url.URL) string {
	port := u.Port()
	switch {
	case port != "":
	case u.Scheme == "http":
		port = "80"
	default:
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}
