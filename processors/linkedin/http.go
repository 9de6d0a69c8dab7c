package linkedin

import (
	"context"
	"net/http"
	"net/url"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// maxBody bounds how much of one response the client reads.
const maxBody = 4 << 20

// restliVersion is the Rest.li protocol every versioned call declares.
const restliVersion = "2.0.0"

// get calls GET path?query within the per-call timeout, classifies the
// answer and decodes a usable body into out.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return apihttp.API{
		Client:    c.cfg.HTTPClient,
		BaseURL:   c.cfg.BaseURL,
		Secret:    c.cfg.AccessToken,
		Timeout:   c.cfg.Timeout,
		MaxBody:   maxBody,
		Authorize: c.authorize,
		Classify: func(status int, _ http.Header, body []byte) *failure.Error {
			return classify(status, body, c.now)
		},
	}.Get(ctx, path, query, out)
}

// authorize adds the bearer token and the versioning headers LinkedIn's
// REST API requires.
func (c *Client) authorize(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+c.cfg.AccessToken)
	req.Header.Set("LinkedIn-Version", c.cfg.Version)
	req.Header.Set("X-Restli-Protocol-Version", restliVersion)
}
