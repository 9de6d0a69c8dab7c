package x

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/profilematch"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name in results, headers and topics.
const ProviderName = "x"

// Client is the x provider. It is safe for concurrent use.
type Client struct {
	cfg Config
	now func() time.Time
}

// New returns a client configured by cfg, or an error naming every
// setting that is missing or out of range.
func New(cfg Config) (*Client, error) {
	return apihttp.Build(cfg, func(cfg Config) *Client { return &Client{cfg: cfg, now: time.Now} })
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

// maxBody bounds how much of one response the client reads.
const maxBody = 4 << 20

// get calls GET path?query within the per-call timeout, classifies the
// answer with Classify and decodes a usable body into out.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	token := c.cfg.BearerToken
	return c.cfg.API(token, maxBody, apihttp.Bearer(token), c.classify).Get(ctx, path, query, out)
}

// classify reads an answer on the client's clock.
func (c *Client) classify(status int, h http.Header, body []byte) *failure.Error {
	return classify(status, h, body, c.now)
}
