package x

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"

	"github.com/leadgen/leadgen/internal/failure"
)

// maxBody bounds how much of one response the client reads.
const maxBody = 4 << 20

// userAgent names leadgen and its build to the API operators.
var userAgent = "leadgen/" + buildVersion()

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// get calls GET path?query within the per-call timeout, records the
// endpoint's rate-limit headers, classifies the answer with Classify and
// decodes a usable body into out.
func (c *Client) get(ctx context.Context, endpoint, path string, query url.Values, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	resp, err := c.cfg.HTTPClient.Do(c.newRequest(ctx, path, query))
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("get %s: %w", path, unwrapURL(err)))
	}
	defer resp.Body.Close()
	c.limits.observe(endpoint, resp.Header, c.now())
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("read %s: %w", path, err))
	}
	body = c.scrub(body)
	if fe := classify(resp.StatusCode, resp.Header, body, c.now); fe != nil {
		fe.Err = fmt.Errorf("get %s: %w", path, fe.Err)
		return fe
	}
	if err := json.Unmarshal(body, out); err != nil {
		return failure.New(failure.BadResponse, fmt.Errorf("decode %s: %w", path, err))
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, path string, query url.Values) *http.Request {
	u := c.cfg.BaseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	// The base URL was validated in New and path is built from escaped
	// parts, so this cannot fail; a nil request would panic in Do.
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+c.cfg.BearerToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	return req
}

// unwrapURL drops the *url.Error layer, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// scrub removes the token from a body before any of it is quoted, in
// case a server echoes the Authorization header back.
func (c *Client) scrub(body []byte) []byte {
	return bytes.ReplaceAll(body, []byte(c.cfg.BearerToken), []byte("[redacted]"))
}
