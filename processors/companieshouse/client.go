package companieshouse

import (
	"context"
	"time"

	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics.
const ProviderName = "companies_house"

// Client is the companies_house provider. It is safe for concurrent use.
type Client struct {
	cfg Config
	now func() time.Time
}

var _ provider.Provider = (*Client)(nil)

// New returns a client configured by cfg, or an error naming every
// setting that is missing or out of range.
func New(cfg Config) (*Client, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Client{cfg: cfg, now: time.Now}, nil
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
