package linkedin

import (
	"cmp"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes the LinkedIn provider to the registry. Its quota is
// unpublished (the Developer Portal's Analytics tab shows an app's daily
// limits): no pacing by default, and 429s are met with backoffs, then
// midnight UTC once the day's quota is really spent.
var Spec = provider.Spec{
	Name:        ProviderName,
	Credential:  "_ACCESS_TOKEN",
	StandIn:     "_REFRESH_TOKEN",
	SandboxPath: "/linkedin",
	Quota:       provider.Quota{Daily: true, Source: "unpublished; the Developer Portal's Analytics tab shows the app's daily limits"},
	CostPerCall: provider.Cost{Source: "the Community Management API charges nothing"},
	Timeout:     DefaultTimeout,
	Evidence:    provider.Evidence{Weight: 0.5, Kind: provider.Social, Rank: 40},
	New:         newFromConn,
}

// newFromConn builds the client with the member's access token (which
// may be empty when a refresh token mints it) and the rest of its
// settings from the environment, after LEADGEN_LINKEDIN:
//
//   - _REFRESH_TOKEN[_FILE], _CLIENT_ID and _CLIENT_SECRET[_FILE]: the
//     programmatic refresh;
//   - _TOKEN_EXPIRES_AT (RFC 3339): when the access token lapses, for
//     health;
//   - _VERSION: the LinkedIn-Version header (YYYYMM);
//   - _OAUTH_URL: the OAuth host; by default LinkedIn's, or the API's URL
//     when the API itself is elsewhere (LEADGEN_LINKEDIN_URL or a
//     sandbox, which serves both).
func newFromConn(c provider.Conn) (provider.Provider, error) {
	cfg := Config{BaseURL: c.URL, AccessToken: c.Credential, ClientID: c.Env("_CLIENT_ID"),
		Version: c.Env("_VERSION"), OAuthURL: cmp.Or(c.Env("_OAUTH_URL"), c.URL), HTTPClient: c.HTTPClient}
	var errRefresh, errSecret, errExpires error
	cfg.RefreshToken, errRefresh = c.Secret("_REFRESH_TOKEN")
	cfg.ClientSecret, errSecret = c.Secret("_CLIENT_SECRET")
	cfg.AccessTokenExpiresAt, errExpires = expiresAt(c, "_TOKEN_EXPIRES_AT")
	if err := errors.Join(errRefresh, errSecret, errExpires); err != nil {
		return nil, err
	}
	return New(cfg)
}

// expiresAt reads the RFC 3339 time in the setting suffix; zero when it
// is unset.
func expiresAt(c provider.Conn, suffix string) (time.Time, error) {
	raw := c.Env(suffix)
	if raw == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("LEADGEN_LINKEDIN%s %q is not an RFC 3339 time such as 2026-09-01T00:00:00Z", suffix, raw)
	}
	return t, nil
}
