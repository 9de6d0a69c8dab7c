package website

import (
	"context"
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
	return &Client{cfg: cfg, fetch: f}, nil
}

// fetcherConfig is the full guard, less the sandbox's one host:port when
// SandboxURL is set.
func fetcherConfig(cfg Config) ssrf.Config {
	fc := ssrf.Config{Timeout: cfg.Timeout}
	if cfg.SandboxURL == "" {
		return fc
	}
	base, _ := url.Parse(cfg.SandboxURL) // validated in New
	fc.Exempt = []string{hostPort(base)}
	fc.Wrap = func(next http.RoundTripper) http.RoundTripper { return &sandboxTransport{base: base, next: next} }
	return fc
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
	l := &lookup{c: c, host: host, req: req}
	return l.run(ctx)
}

// sandboxTransport sends https://<host>/<path> to <base>/<host>/<path>;
// the response keeps the URL the client asked for, so redirects and
// SourceRef read as on the real site.
type sandboxTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t *sandboxTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	u := *t.base
	u.Path = t.base.Path + "/" + req.URL.Hostname() + req.URL.Path
	u.RawPath, u.RawQuery = "", req.URL.RawQuery
	out.URL, out.Host = &u, ""
	resp, err := t.next.RoundTrip(out)
	if resp != nil {
		resp.Request = req
	}
	return resp, err
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
