package x

import (
	"context"
	"net/http"
	"net/url"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// maxBody bounds how much of one response the client reads.
const maxBody = 4 << 20

// get calls GET path?query within the per-call timeout, classifies the answer with Classify and
// decodes a usable body into out.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return apihttp.API{
		Client:    c.cfg.HTTPClient,
		BaseURL:   c.cfg.BaseURL,
		Secret:    c.cfg.BearerToken,
		Timeout:   c.cfg.Timeout,
		MaxBody:   maxBody,
		Authorize: func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+c.cfg.BearerToken) },
		Classify: func(status int, h http.Header, body []byte) *failure.Error {
			return classify(status, h, body, c.now)
		},
	}.Get(ctx, path, query, out)
}
