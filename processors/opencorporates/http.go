package opencorporates

import (
	"context"
	"net/http"
	"net/url"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// maxBody bounds how much of one response the client reads; a larger body
// fails to decode and is reported as a bad response.
const maxBody = 8 << 20

// get calls GET path?query&api_token= within the per-call timeout and
// decodes a 2xx JSON body into out; any other outcome is a classified
// failure whose text names the path, never the URL with its token.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return apihttp.API{
		Client:    c.cfg.HTTPClient,
		BaseURL:   c.cfg.BaseURL,
		Secret:    c.cfg.APIToken,
		Timeout:   c.cfg.Timeout,
		MaxBody:   maxBody,
		Authorize: func(req *http.Request) { apihttp.SetQuery(req, "api_token", c.cfg.APIToken) },
		Classify: func(status int, h http.Header, body []byte) *failure.Error {
			return classify(status, h, body, c.now())
		},
	}.Get(ctx, path, query, out)
}
