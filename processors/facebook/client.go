package facebook

import (
	"context"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics.
const ProviderName = "facebook"

// Client is the facebook provider. It is safe for concurrent use.
type Client struct {
	cfg Config
	// proof is the appsecret_proof of every call, "" for none.
	proof string
	now   func() time.Time
}

var _ provider.Provider = (*Client)(nil)

// New returns a client configured by cfg, or an error naming every
// setting that is missing or out of range.
func New(cfg Config) (*Client, error) {
	return apihttp.Build(cfg, func(cfg Config) *Client { return &Client{cfg: cfg, proof: cfg.proof(), now: time.Now} })
}

// Name returns "facebook".
func (c *Client) Name() string { return ProviderName }

// Lookup searches Pages by the company's name and reads the most similar
// one at or above MatchThreshold: two calls for a company with a Page,
// one for a company without. The result holds company facts and no
// executives.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	l := &lookup{c: c, req: req}
	id, ok, err := l.search(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return l.result(nil), nil
	}
	p, err := l.page(ctx, id)
	if err != nil {
		return nil, err
	}
	return l.result(p), nil
}
