package companieshouse

import (
	"context"
	"net/url"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics.
const ProviderName = "companies_house"

// Client is the companies_house provider. It is safe for concurrent use.
type Client struct {
	cfg Config
	now func() time.Time
}

// New returns a client configured by cfg, or an error naming every
// setting that is missing or out of range.
func New(cfg Config) (*Client, error) {
	return apihttp.Build(cfg, func(cfg Config) *Client { return &Client{cfg: cfg, now: time.Now} })
}

// Name returns "companies_house".
func (c *Client) Name() string { return ProviderName }

// Lookup finds the requested company and its people. A request with a
// company number fetches that company directly; otherwise the name is
// searched and the best title above MatchThreshold is taken. An unknown
// company is a NOT_FOUND result, not an error; failures are classified
// with the failure package.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	return registermatch.Lookup(ctx, req, &lookup{c: c}, c.cfg.MatchThreshold)
}

// maxBody bounds how much of one response the client reads; a larger body
// fails to decode and is reported as a bad response.
const maxBody = 8 << 20

// get calls GET path?query within the per-call timeout and decodes a 2xx
// JSON body into out; any other outcome is a classified failure.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return c.cfg.API(c.cfg.APIKey, maxBody, apihttp.BasicAuth(c.cfg.APIKey), c.classify).Get(ctx, path, query, out)
}
