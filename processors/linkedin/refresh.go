package linkedin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"

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
	// api calls the OAuth host; an exchange adds the secrets to scrub.
	api    apihttp.API
	id     string
	secret string

	mu      sync.Mutex
	refresh string // the refresh token, replaced when a grant carries one
}

func newRefresher(cfg Config) *refresher {
	api := apihttp.API{Client: cfg.HTTPClient, BaseURL: cfg.OAuthURL, Timeout: cfg.Timeout, MaxBody: maxTokenBody}
	return &refresher{api: api, id: cfg.ClientID, secret: cfg.ClientSecret, refresh: cfg.RefreshToken}
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
	refresh := r.refreshToken()
	api := r.api
	api.Secret, api.OtherSecrets = refresh, []string{r.secret}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}, "client_id": {r.id}, "client_secret": {r.secret}}
	status, body, err := api.PostForm(ctx, TokenPath, form)
	if err != nil {
		return grant{}, failure.New(failure.Transient, fmt.Errorf("renew linkedin token: %s", err))
	}
	var g grant
	if fe := classifyGrant(status, string(body), &g); fe != nil {
		return grant{}, fe
	}
	if g.RefreshToken != "" {
		r.setRefreshToken(g.RefreshToken)
	}
	return g, nil
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
