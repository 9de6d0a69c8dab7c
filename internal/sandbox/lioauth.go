package sandbox

import (
	"crypto/rand"
	"net/http"
	"strings"
)

// LinkedInTokenPath is LinkedIn's OAuth 2.0 token endpoint under
// LinkedInPrefix, as https://www.linkedin.com/oauth/v2/accessToken is
// under www.linkedin.com.
const LinkedInTokenPath = LinkedInPrefix + "/oauth/v2/accessToken"

// The lifetimes LinkedIn gives its tokens: an access token lasts 60 days,
// a refresh token 365 days from the member's authorization.
const (
	liAccessTokenSeconds  = 60 * 24 * 3600
	liRefreshTokenSeconds = 365 * 24 * 3600
)

// liGrant is the token endpoint's answer to a refresh.
type liGrant struct {
	AccessToken           string `json:"access_token"`
	ExpiresIn             int    `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int    `json:"refresh_token_expires_in"`
	Scope                 string `json:"scope"`
}

// liOAuthError is RFC 6749's error body, which LinkedIn's OAuth endpoints
// answer with.
type liOAuthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// liAccessToken is POST /linkedin/oauth/v2/accessToken with
// grant_type=refresh_token: LinkedIn's programmatic refresh. Any client
// id and refresh token are accepted but "invalid", which is refused as
// invalid, expired or revoked, and any client secret but "invalid",
// refused as a failed client authentication. A refresh token starting
// with LinkedInNoPermissionPrefix mints tokens that lack the permission.
// The sandbox does not remember what it issued: every refresh token is
// as fresh as on the day of its authorization, and the API takes the
// tokens it mints as it takes any other.
func liAccessToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		liOAuthRefused(w, http.StatusBadRequest, "invalid_request", "Unable to parse the request body")
		return
	}
	f := r.PostForm
	if missing := liMissing(f.Get); missing != "" {
		liOAuthRefused(w, http.StatusBadRequest, "invalid_request", `A required parameter "`+missing+`" is missing`)
		return
	}
	switch {
	case f.Get("grant_type") != "refresh_token":
		liOAuthRefused(w, http.StatusBadRequest, "unsupported_grant_type", "The sandbox serves only grant_type refresh_token")
	case f.Get("client_secret") == rejectedKey:
		liOAuthRefused(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
	case f.Get("refresh_token") == rejectedKey:
		liOAuthRefused(w, http.StatusBadRequest, "invalid_request", "The provided authorization grant or refresh token is invalid, expired or revoked")
	default:
		writeJSON(w, http.StatusOK, liMint(f.Get("refresh_token")))
	}
}

// liMissing names the first required parameter absent; "" when all are
// there.
func liMissing(get func(string) string) string {
	for _, p := range []string{"grant_type", "client_id", "client_secret", "refresh_token"} {
		if get(p) == "" {
			return p
		}
	}
	return ""
}

// liMint issues a new access token for refresh, random so that each is
// new, with the scope its member granted.
func liMint(refresh string) liGrant {
	prefix, scope := "", "rw_organization_admin"
	if strings.HasPrefix(refresh, LinkedInNoPermissionPrefix) {
		prefix, scope = LinkedInNoPermissionPrefix, "r_organization_social"
	}
	return liGrant{AccessToken: prefix + "sandbox-li-" + rand.Text(), ExpiresIn: liAccessTokenSeconds,
		RefreshToken: refresh, RefreshTokenExpiresIn: liRefreshTokenSeconds, Scope: scope}
}

func liOAuthRefused(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, liOAuthError{Error: code, Description: description})
}
