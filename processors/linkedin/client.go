package linkedin

import (
	"context"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics.
const ProviderName = "linkedin"

// Client is the linkedin provider. It is safe for concurrent use.
type Client struct {
	cfg    Config
	now    func() time.Time
	tokens *tokens
}

var _ provider.Provider = (*Client)(nil)

// New returns a client configured by cfg, or an error naming every
// setting that is missing or out of range.
func New(cfg Config) (*Client, error) {
	return apihttp.Build(cfg, func(cfg Config) *Client {
		c := &Client{cfg: cfg, now: time.Now}
		c.tokens = newTokens(cfg, func() time.Time { return c.now() })
		return c
	})
}

// Expiry reports when the member's token lapses and whether the client
// renews it, for the provider's health.
func (c *Client) Expiry() health.Expiry { return c.tokens.expiry() }

// Name returns "linkedin".
func (c *Client) Name() string { return ProviderName }

// Lookup tries the vanity names the company's domain and name suggest,
// one call each, and stops at the first page the evidence says is the
// company's. The result holds company page facts and never executives
// (see the package doc); no page is a NOT_FOUND result.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	l := &lookup{c: c, req: req}
	if err := l.run(ctx); err != nil {
		return nil, err
	}
	return l.result(), nil
}
