package companieshouse

import (
	"context"
	"net/http"
	"net/url"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// maxBody bounds how much of one response the client reads; a larger body
// fails to decode and is reported as a bad response.
const maxBody = 8 << 20

// get calls GET path?query within the per-call timeout and decodes a 2xx JSON body into out; any other outcome is a
// classified failure.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return apihttp.API{
		Client:    c.cfg.HTTPClient,
		BaseURL:   c.cfg.BaseURL,
		Secret:    c.cfg.APIKey,
		Timeout:   c.cfg.Timeout,
		MaxBody:   maxBody,
		Authorize: func(req *http.Request) { req.SetBasicAuth(c.cfg.APIKey, "") },
		Classify:  c.classify,
	}.Get(ctx, path, query, out)
}
