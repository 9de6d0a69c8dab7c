package linkedin

import (
	"crypto/rand"
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// TokenPath is LinkedIn's OAuth 2.0 token endpoint under
// Prefix, as https://www.linkedin.com/oauth/v2/accessToken is
// under www.linkedin.com.
const TokenPath = Prefix + "/oauth/v2/accessToken"

// The lifetimes LinkedIn gives its tokens: an access token lasts 60 days,
// a refresh token 365 days from the member's authorization.
const (
	accessTokenSeconds  = 60 * 24 * 3600
	refreshTokenSeconds = 365 * 24 * 3600
)

// Grant is the token endpoint's answer to a refresh.
type Grant struct {
	AccessToken           string `json:"access_token"`
	ExpiresIn             int    `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int    `json:"refresh_token_expires_in"`
	Scope                 string `json:"scope"`
}

// oauthError is RFC 6749's error body, which LinkedIn's OAuth endpoints
// answer with.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// accessToken is POST /linkedin/oauth/v2/accessToken with
// grant_type=refresh_token: LinkedIn's programmatic refresh. Any client
// id and refresh token are accepted but "invalid", which is refused as
// invalid, expired or revoked, and any client secret but "invalid",
// refused as a failed client authentication. A refresh token starting
// with NoPermissionPrefix mints tokens that lack the permission.
// The sandbox does not remember what it issued: every refresh token is
// as fresh as on the day of its authorization, and the API takes the
// tokens it mints as it takes any other.
func accessToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthRefused(w, http.StatusBadRequest, "invalid_request", "Unable to parse the request body")
		return
	}
	f := r.PostForm
	if missing := missing(f.Get); missing != "" {
		oauthRefused(w, http.StatusBadRequest, "invalid_request", `A required parameter "`+missing+`" is missing`)
		return
	}
	switch {
	case f.Get("grant_type") != "refresh_token":
		oauthRefused(w, http.StatusBadRequest, "unsupported_grant_type", "The sandbox serves only grant_type refresh_token")
	case f.Get("client_secret") == respond.RejectedKey:
		oauthRefused(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
	case f.Get("refresh_token") == respond.RejectedKey:
		oauthRefused(w, http.StatusBadRequest, "invalid_request", "The provided authorization grant or refresh token is invalid, expired or revoked")
	default:
		respond.WriteJSON(w, http.StatusOK, mint(f.Get("refresh_token")))
	}
}

// missing names the first required parameter absent; "" when all are
// there.
func missing(get func(string) string) string {
	for _, p := range []string{"grant_type", "client_id", "client_secret", "refresh_token"} {
		if get(p) == "" {
			return p
		}
	}
	return ""
}

// mint issues a new access token for refresh, random so that each is
// new, with the scope its member granted.
func mint(refresh string) Grant {
	prefix, scope := "", "rw_organization_admin"
	if strings.HasPrefix(refresh, NoPermissionPrefix) {
		prefix, scope = NoPermissionPrefix, "r_organization_social"
	}
	return Grant{AccessToken: prefix + "sandbox-li-" + rand.Text(), ExpiresIn: accessTokenSeconds,
		RefreshToken: refresh, RefreshTokenExpiresIn: refreshTokenSeconds, Scope: scope}
}

func oauthRefused(w http.ResponseWriter, status int, code, description string) {
	respond.WriteJSON(w, status, oauthError{Error: code, Description: description})
}
