package opencorporates

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/schemas"
)

// SourceName is the client's name and the source on the executives it
// finds.
const SourceName = "opencorporates"

// Client looks companies and their officers up at OpenCorporates. It is
// safe for concurrent use.
type Client struct {
	cfg Config
	now func() time.Time
}

// New returns a client configured by cfg, or an error naming every
// setting that is missing or out of range.
func New(cfg Config) (*Client, error) {
	return apihttp.Build(cfg, func(cfg Config) *Client { return &Client{cfg: cfg, now: time.Now} })
}

// Name returns "opencorporates".
func (c *Client) Name() string { return SourceName }

// Lookup finds the requested GB company and its officers. A request with
// a company number fetches that company directly; otherwise the name is
// searched and the most similar result at or above the match threshold is
// fetched. The result has Layer SECONDARY and no Provider: the caller, a
// fallback, names the provider it stands in for. An unknown company is a
// NOT_FOUND result, not an error; failures are classified with the
// failure package.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	return registermatch.Lookup(ctx, req, &lookup{c: c}, c.cfg.MatchThreshold)
}

// maxBody bounds how much of one response the client reads; a larger body
// fails to decode and is reported as a bad response.
const maxBody = 8 << 20

// get calls GET path?query&api_token= within the per-call timeout and
// decodes a 2xx JSON body into out; any other outcome is a classified
// failure whose text names the path, never the URL with its token.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	token := c.cfg.APIToken
	return c.cfg.API(token, maxBody, apihttp.QueryToken("api_token", token), c.classify).Get(ctx, path, query, out)
}

// classify reads an answer on the client's clock.
func (c *Client) classify(status int, h http.Header, body []byte) *failure.Error {
	return classify(status, h, body, c.now())
}
