package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/processors/linkedin"
	"github.com/leadgen/leadgen/processors/provider"
)

// liEnv is the environment prefix of the linkedin settings.
const liEnv = "LEADGEN_LINKEDIN"

// buildLinkedIn builds the linkedin client of the API at url with the
// member's access token (which may be empty when a refresh token mints
// it) and the rest of its settings from the environment (linkedinConfig).
func buildLinkedIn(url, token string, c *http.Client) (provider.Provider, error) {
	cfg, err := linkedinConfig(url, token)
	if err != nil {
		return nil, err
	}
	cfg.HTTPClient = c
	return linkedin.New(cfg)
}

// linkedinConfig reads the linkedin settings besides the access token:
//
//   - LEADGEN_LINKEDIN_REFRESH_TOKEN[_FILE], LEADGEN_LINKEDIN_CLIENT_ID and
//     LEADGEN_LINKEDIN_CLIENT_SECRET[_FILE]: the programmatic refresh;
//   - LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT (RFC 3339): when the access token
//     lapses, for health;
//   - LEADGEN_LINKEDIN_VERSION: the LinkedIn-Version header (YYYYMM);
//   - LEADGEN_LINKEDIN_OAUTH_URL: the OAuth host; by default LinkedIn's,
//     or url when the API itself is elsewhere (LEADGEN_LINKEDIN_URL or a
//     sandbox, which serves both).
func linkedinConfig(url, token string) (linkedin.Config, error) {
	cfg := linkedin.Config{BaseURL: url, AccessToken: token, ClientID: os.Getenv(liEnv + "_CLIENT_ID"),
		Version: os.Getenv(liEnv + "_VERSION"), OAuthURL: cmp.Or(os.Getenv(liEnv+"_OAUTH_URL"), url)}
	var errRefresh, errSecret, errExpires error
	cfg.RefreshToken, _, errRefresh = secret.Lookup(liEnv + "_REFRESH_TOKEN")
	cfg.ClientSecret, _, errSecret = secret.Lookup(liEnv + "_CLIENT_SECRET")
	cfg.AccessTokenExpiresAt, errExpires = expiresAt(liEnv + "_TOKEN_EXPIRES_AT")
	return cfg, errors.Join(errRefresh, errSecret, errExpires)
}

// expiresAt reads the RFC 3339 time in the environment variable name;
// zero when it is unset.
func expiresAt(name string) (time.Time, error) {
	raw := os.Getenv(name)
	if raw == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 time such as 2026-09-01T00:00:00Z", name, raw)
	}
	return t, nil
}

// expiring is a client whose credential lapses (LinkedIn's member
// token); its provider's health reports when.
type expiring interface {
	Expiry() health.Expiry
}

// expiryOf returns p's client as expiring, or nil when its credential
// does not lapse.
func expiryOf(p provider.Provider) expiring {
	if c, ok := p.(*Client); ok {
		p = c.Provider
	}
	e, _ := p.(expiring)
	return e
}
