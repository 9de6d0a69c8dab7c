package facebook

import (
	"context"
	"net/http"
	"net/url"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// maxBody bounds how much of one response the client reads.
const maxBody = 4 << 20

// get calls GET /{version}{path}?query&access_token=[&appsecret_proof=]
// within the per-call timeout, classifies the answer and decodes a usable
// body into out. Errors name the path, never the URL with its token and
// proof; the token, the proof and the app secret are scrubbed from them.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return apihttp.API{
		Client:       c.cfg.HTTPClient,
		BaseURL:      c.cfg.BaseURL + "/" + c.cfg.Version,
		Secret:       c.cfg.AccessToken,
		OtherSecrets: []string{c.proof, c.cfg.AppSecret},
		Timeout:      c.cfg.Timeout,
		MaxBody:      maxBody,
		Authorize:    c.authorize,
		Classify:     classify,
	}.Get(ctx, path, query, out)
}

// authorize puts the token, and the proof when there is one, in the
// query, where Graph reads them.
func (c *Client) authorize(req *http.Request) {
	apihttp.SetQuery(req, "access_token", c.cfg.AccessToken)
	if c.proof != "" {
		apihttp.SetQuery(req, proofParam, c.proof)
	}
}
