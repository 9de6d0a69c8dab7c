// Package apihttp makes the GET calls of the provider API clients: one
// request carrying the provider's credential, a bounded body read, the
// answer classified by the provider's own rules, and a JSON decode. No
// error it returns carries the credential. Rate limiting is not done here
// but by the http.Client's Transport (internal/ratelimit). It also holds
// what the clients' configs share: the default HTTP client, and the
// defaults and checks of the common settings (Settings, and Common for a
// client that lacks some of them).
package apihttp

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
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// UserAgent names leadgen and its build to the API operators.
var UserAgent = "leadgen/" + buildVersion()

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// ClassifyFunc decides what a provider's answer means: nil for a usable
// 2xx JSON body, else a classified failure whose text may quote the body
// (already scrubbed of the credential) but not the URL.
type ClassifyFunc func(status int, header http.Header, body []byte) *failure.Error

// API is one provider's JSON API as its client calls it. Every field but
// Observe is required.
type API struct {
	// Client makes the calls; its Transport does the rate limiting.
	Client *http.Client
	// BaseURL is prefixed to every path.
	BaseURL string
	// Secret is the credential, scrubbed from every error and body.
	Secret string
	// OtherSecrets are further values scrubbed like Secret: secrets sent
	// beside the credential or derived from it (a signature of the token,
	// the key that signs it), which would be as useful to a thief.
	OtherSecrets []string
	// Timeout bounds one call, the body read included.
	Timeout time.Duration
	// MaxBody bounds how much of one answer is read; a longer body is cut
	// and so fails to decode.
	MaxBody int64
	// Authorize adds the credential and the provider's own headers.
	Authorize func(*http.Request)
	// Classify is the provider's reading of an answer.
	Classify ClassifyFunc
	// Observe, when set, records the headers of every answer (the
	// provider's quota or usage reading) before its body is read.
	Observe func(http.Header)
}

// Get calls GET BaseURL+path?query within Timeout, classifies the answer
// and decodes a usable body into out. A call without an answer, or whose
// body cannot be read, is transient; a usable answer that does not decode
// is a bad response. Errors name the path, never the URL.
func (a API) Get(ctx context.Context, path string, query url.Values, out any) error {
	ctx, cancel := context.WithTimeout(ctx, a.Timeout)
	defer cancel()
	resp, body, err := a.fetch(ctx, path, query)
	if err != nil {
		return err
	}
	if fe := a.Classify(resp.StatusCode, resp.Header, body); fe != nil {
		fe.Err = fmt.Errorf("get %s: %w", path, fe.Err)
		return fe
	}
	if err := json.Unmarshal(body, out); err != nil {
		return failure.New(failure.BadResponse, fmt.Errorf("decode %s: %w", path, err))
	}
	return nil
}

// fetch does the call and reads the scrubbed body; the response it
// returns has its body closed.
func (a API) fetch(ctx context.Context, path string, query url.Values) (*http.Response, []byte, error) {
	resp, err := a.Client.Do(a.request(ctx, path, query))
	if err != nil {
		return nil, nil, a.callFailed(path, err)
	}
	defer resp.Body.Close()
	if a.Observe != nil {
		a.Observe(resp.Header)
	}
	body, err := a.readBody(resp.Body)
	if err != nil {
		return nil, nil, failure.New(failure.Transient, fmt.Errorf("read %s: %w", path, err))
	}
	return resp, body, nil
}

// PostForm calls POST BaseURL+path with form as its body within Timeout,
// for an endpoint that takes its credentials in the form (an OAuth token
// endpoint), and returns the answer's status and its body, read up to
// MaxBody and scrubbed of the secrets. Its error, for a call without an
// answer or a body that cannot be read, is scrubbed but not classified:
// what a failed exchange means is the caller's to say. Authorize,
// Classify and Observe are not used.
func (a API) PostForm(ctx context.Context, path string, form url.Values) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, a.Timeout)
	defer cancel()
	req := newRequest(ctx, http.MethodPost, a.BaseURL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := a.Client.Do(req)
	if err != nil {
		return 0, nil, a.redact(err)
	}
	defer resp.Body.Close()
	body, err := a.readBody(resp.Body)
	if err != nil {
		return 0, nil, err
	}
	return resp.StatusCode, body, nil
}

// readBody reads at most MaxBody of an answer, scrubbed of the secrets;
// its error is redacted.
func (a API) readBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, a.MaxBody))
	if err != nil {
		return nil, a.redact(err)
	}
	return a.scrubBody(body), nil
}

// callFailed classifies a call that got no answer: transient, unless the
// transport already classified it (the rate limiter's rate_limited, when
// the API's quota is spent past the call's deadline).
func (a API) callFailed(path string, err error) error {
	var fe *failure.Error
	if errors.As(err, &fe) {
		return &failure.Error{Class: fe.Class, RetryAfter: fe.RetryAfter, Err: fmt.Errorf("get %s: %w", path, fe.Err)}
	}
	return failure.New(failure.Transient, fmt.Errorf("get %s: %w", path, a.redact(err)))
}

func (a API) request(ctx context.Context, path string, query url.Values) *http.Request {
	u := a.BaseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req := newRequest(ctx, http.MethodGet, u, nil)
	a.Authorize(req)
	return req
}

// newRequest is a request from leadgen for JSON. The base URL in u was
// validated by the provider's config and the path is built from escaped
// parts, so this cannot fail; a nil request would panic in Do and
// surface the bug at once.
func newRequest(ctx context.Context, method, u string, body io.Reader) *http.Request {
	req, _ := http.NewRequestWithContext(ctx, method, u, body)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	return req
}

// SetQuery sets the query parameter name of req to value, for an API that
// takes its credential in the query.
func SetQuery(req *http.Request, name, value string) {
	q := req.URL.Query()
	q.Set(name, value)
	req.URL.RawQuery = q.Encode()
}
