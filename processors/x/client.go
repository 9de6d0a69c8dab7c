package x

import (
	"context"
	"time"

	"github.com/leadgen/leadgen/internal/profilematch"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics.
const ProviderName = "x"

// Client is the x provider. It is safe for concurrent use.
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

// Name returns "x".
func (c *Client) Name() string { return ProviderName }

// Lookup finds the company's X account: a users lookup of the candidate
// handles, then, if none fits and the request has a domain, a recent
// search for posts linking to it. An account found is an OK result with
// the account as the company's profile and no executives; none is
// NOT_FOUND. Failures are classified by Classify.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	l := &lookup{c: c, req: req}
	if err := l.lookupHandles(ctx); err != nil {
		return nil, err
	}
	if !l.pick.Found && !c.cfg.NoSearch && profilematch.Host(req) != "" {
		if err := l.search(ctx); err != nil {
			return nil, err
		}
	}
	return l.result(), nil
}
