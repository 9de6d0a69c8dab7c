package companieshouse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
)

// maxBody bounds how much of one response the client reads; a larger body
// fails to decode and is reported as a bad response.
const maxBody = 8 << 20

// maxAPIMessage bounds the API's own error text quoted in an error.
const maxAPIMessage = 200

// userAgent names leadgen and its build to the API operators.
var userAgent = "leadgen/" + buildVersion()

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// get calls GET path?query within the per-call timeout, records the quota
// headers, and decodes a 2xx JSON body into out; any other outcome is a
// classified failure.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	resp, err := c.cfg.HTTPClient.Do(c.newRequest(ctx, path, query))
	if err != nil {
		return transportError(path, err)
	}
	defer resp.Body.Close()
	c.limits.observe(resp.Header, c.now())
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("read %s: %w", path, err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.statusError(path, resp, body)
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
	// The URL was validated in New and path is built from escaped parts,
	// so this cannot fail; a nil request would panic in Do and surface
	// the bug at once.
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	req.SetBasicAuth(c.cfg.APIKey, "")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	return req
}

// transportError classifies a call that got no response: timeouts,
// cancellations and connection errors are all worth another try. The
// URL (with the query) is left out of the message.
func transportError(path string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return failure.New(failure.Transient, fmt.Errorf("get %s: %w", path, err))
}

// statusError classifies a non-2xx answer; this is the one place that
// decides what each status means.
func (c *Client) statusError(path string, resp *http.Response, body []byte) error {
	err := fmt.Errorf("get %s: http %d%s", path, resp.StatusCode, c.apiMessage(body))
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return failure.New(failure.Auth, err)
	case code == http.StatusNotFound:
		return failure.New(failure.NotFound, err)
	case code == http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, err)
		fe.RetryAfter = retryAfter(resp.Header, c.now())
		return fe
	case code == http.StatusRequestTimeout || code >= 500:
		return failure.New(failure.Transient, err)
	case code >= 400:
		return failure.New(failure.Permanent, err)
	default:
		return failure.New(failure.BadResponse, err)
	}
}

// apiMessage quotes the API's error codes from a JSON error body, with the
// API key scrubbed in case a server echoes it back.
func (c *Client) apiMessage(body []byte) string {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil {
		return ""
	}
	msgs := []string{}
	if eb.Error != "" {
		msgs = append(msgs, eb.Error)
	}
	for _, e := range eb.Errors {
		msgs = append(msgs, e.Error)
	}
	msg := strings.ReplaceAll(strings.Join(msgs, "; "), c.cfg.APIKey, "[redacted]")
	if msg == "" {
		return ""
	}
	if len(msg) > maxAPIMessage {
		msg = strings.ToValidUTF8(msg[:maxAPIMessage], "") + "..."
	}
	return ": " + msg
}
