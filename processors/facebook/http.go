package facebook

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
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
)

// maxBody bounds how much of one response the client reads.
const maxBody = 4 << 20

// redactedText replaces the token wherever it would appear in an error.
const redactedText = "[redacted]"

// userAgent names leadgen and its build to the API operators.
var userAgent = "leadgen/" + buildVersion()

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// get calls GET /{version}{path}?query&access_token= within the per-call
// timeout, records the usage headers, classifies the answer and decodes
// a usable body into out. Errors name the path, never the URL with its
// token.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	resp, err := c.cfg.HTTPClient.Do(c.newRequest(ctx, path, query))
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("get %s: %w", path, c.redact(unwrapURL(err))))
	}
	defer resp.Body.Close()
	c.usage.observe(resp.Header, c.now())
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("read %s: %w", path, c.redact(unwrapURL(err))))
	}
	body = c.redactBody(body)
	if fe := classify(resp.StatusCode, resp.Header, body); fe != nil {
		fe.Err = fmt.Errorf("get %s: %w", path, fe.Err)
		return fe
	}
	if err := json.Unmarshal(body, out); err != nil {
		return failure.New(failure.BadResponse, fmt.Errorf("decode %s: %w", path, err))
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, path string, query url.Values) *http.Request {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("access_token", c.cfg.AccessToken)
	// The base URL and version were validated in New and path is built
	// from escaped parts, so this cannot fail; a nil request would panic
	// in Do.
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.BaseURL+"/"+c.cfg.Version+path+"?"+q.Encode(), nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	return req
}

// unwrapURL drops the *url.Error layer, whose text is the whole URL with
// the token in it.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redact returns err with the token scrubbed from its text; errors.Is
// and errors.As still see the original.
func (c *Client) redact(err error) error {
	msg := c.scrub(err.Error())
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}

// redactBody scrubs a server that echoes the token back, before any of
// the body is quoted in an error.
func (c *Client) redactBody(body []byte) []byte {
	for _, t := range c.tokenForms() {
		body = bytes.ReplaceAll(body, []byte(t), []byte(redactedText))
	}
	return body
}

func (c *Client) scrub(s string) string {
	for _, t := range c.tokenForms() {
		s = strings.ReplaceAll(s, t, redactedText)
	}
	return s
}

// tokenForms are the token as sent and as it reads inside a URL (an app
// token's "|" is escaped there).
func (c *Client) tokenForms() []string {
	return []string{c.cfg.AccessToken, url.QueryEscape(c.cfg.AccessToken)}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
