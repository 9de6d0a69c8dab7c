package linkedin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// TokenPath is the path of LinkedIn's OAuth 2.0 token endpoint under
// Config.OAuthURL.
const TokenPath = "/oauth/v2/accessToken"

// maxTokenBody bounds how much of a token endpoint answer is read; a
// grant is about a kilobyte.
const maxTokenBody = 64 << 10

// refresher exchanges the refresh token for a new access token with
// LinkedIn's programmatic refresh: POST TokenPath, form-encoded
// grant_type=refresh_token, refresh_token, client_id and client_secret.
type refresher struct {
	client   *http.Client
	endpoint string
	id       string
	secret   string
	timeout  time.Duration

	mu      sync.Mutex
	refresh string // the refresh token, replaced when a grant carries one
}

func newRefresher(cfg Config) *refresher {
	return &refresher{client: cfg.HTTPClient, endpoint: cfg.OAuthURL + TokenPath, id: cfg.ClientID,
		secret: cfg.ClientSecret, timeout: cfg.Timeout, refresh: cfg.RefreshToken}
}

// grant is the token endpoint's answer:
// {"access_token","expires_in","refresh_token","refresh_token_expires_in","scope"}.
type grant struct {
	AccessToken           string `json:"access_token"`
	ExpiresIn             int64  `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int64  `json:"refresh_token_expires_in"`
}

// exchange asks for a new access token. Its errors are classified (see
// classifyGrant) and never carry a token or the client secret.
func (r *refresher) exchange(ctx context.Context) (grant, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	refresh := r.refreshToken()
	scrub := scrubber(refresh, r.secret)
	status, body, err := r.post(ctx, refresh)
	if err != nil {
		return grant{}, failure.New(failure.Transient, fmt.Errorf("renew linkedin token: %s", scrub(err.Error())))
	}
	var g grant
	if fe := classifyGrant(status, scrub(string(body)), &g); fe != nil {
		return grant{}, fe
	}
	if g.RefreshToken != "" {
		r.setRefreshToken(g.RefreshToken)
	}
	return g, nil
}

// post sends the refresh request and reads the answer.
func (r *refresher) post(ctx context.Context, refresh string) (int, []byte, error) {
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}, "client_id": {r.id}, "client_secret": {r.secret}}
	// The endpoint was validated by the config, so this cannot fail.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", apihttp.UserAgent)
	resp, err := r.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody))
	return resp.StatusCode, body, err
}

func (r *refresher) refreshToken() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.refresh
}

func (r *refresher) setRefreshToken(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refresh = s
}

// oauthError is {"error","error_description"}, RFC 6749's error body.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// classifyGrant decides what a token endpoint answer means and decodes a
// grant into g: 5xx is transient, 429 rate_limited; any other refusal
// (400 invalid_request for a refresh token invalid, expired or revoked;
// 401 invalid_client for a wrong client id or secret) is auth, since the
// member must authorize the app again or the operator fix its settings.
// body is already scrubbed of the secrets.
func classifyGrant(status int, body string, g *grant) *failure.Error {
	switch {
	case status >= 500:
		return failure.New(failure.Transient, fmt.Errorf("renew linkedin token: http %d", status))
	case status == http.StatusTooManyRequests:
		return failure.New(failure.RateLimited, fmt.Errorf("renew linkedin token: http %d", status))
	case status != http.StatusOK:
		return failure.New(failure.Auth, fmt.Errorf("renew linkedin token: http %d%s: the member must authorize the app again "+
			"(a refresh token lasts 365 days), or check the client id and secret", status, oauthMessage(body)))
	case json.Unmarshal([]byte(body), g) != nil || g.AccessToken == "":
		return failure.New(failure.BadResponse, errors.New("renew linkedin token: the answer holds no access token"))
	}
	return nil
}

// oauthMessage quotes an OAuth error body's error and description.
func oauthMessage(body string) string {
	var e oauthError
	if json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
		return ""
	}
	msg := e.Error
	if e.Description != "" {
		msg += " " + e.Description
	}
	return apihttp.Quote(msg, apihttp.MaxMessage)
}

// scrubber returns a function replacing each non-empty secret, as sent
// and form-escaped, with apihttp.Redacted.
func scrubber(secrets ...string) func(string) string {
	var forms []string
	for _, s := range secrets {
		if s != "" {
			forms = append(forms, s, url.QueryEscape(s))
		}
	}
	return func(text string) string {
		for _, f := range forms {
			text = strings.ReplaceAll(text, f, apihttp.Redacted)
		}
		return text
	}
}
