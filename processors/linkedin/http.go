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
// answer and decodes a usable body into out. With a refresh token, a 401
// (a token expired early or revoked) renews the token and calls once
// more.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	token, err := c.tokens.current(ctx)
	if err != nil {
		return err
	}
	status, err := c.call(ctx, token, path, query, out)
	if status != http.StatusUnauthorized {
		return err
	}
	if !c.tokens.renewable() {
		return c.tokens.unrenewed(err)
	}
	if token, err = c.tokens.renew(ctx, token); err != nil {
		return err
	}
	_, err = c.call(ctx, token, path, query, out)
	return err
}

// call makes one GET with token and returns the answer's status (0
// without one) with the outcome.
func (c *Client) call(ctx context.Context, token, path string, query url.Values, out any) (int, error) {
	var status int
	err := apihttp.API{
		Client:    c.cfg.HTTPClient,
		BaseURL:   c.cfg.BaseURL,
		Secret:    token,
		Timeout:   c.cfg.Timeout,
		MaxBody:   maxBody,
		Authorize: func(req *http.Request) { c.authorize(req, token) },
		Classify: func(s int, _ http.Header, body []byte) *failure.Error {
			status = s
			return classify(s, body, c.now)
		},
	}.Get(ctx, path, query, out)
	return status, err
}

// authorize adds the bearer token and the versioning headers LinkedIn's
// REST API requires.
func (c *Client) authorize(req *http.Request, token string) {
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("LinkedIn-Version", c.cfg.Version)
	req.Header.Set("X-Restli-Protocol-Version", restliVersion)
}
