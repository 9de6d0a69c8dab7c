package linkedin

import (
	"cmp"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
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
	CostPerCall: cost,
	Settings: []provider.Setting{provider.CostSetting(cost),
		{Key: "version", Default: DefaultVersion, Usage: "the LinkedIn-Version header, YYYYMM; LinkedIn supports a version for at least a year"},
		{Key: "client-id", Usage: "the app's client id, for the refresh-token flow"},
		{Key: "oauth-url", Usage: "the OAuth host (default LinkedIn's, or the API's URL when the API is elsewhere)"},
		{Key: "token-expires-at", Usage: "when a static access token lapses (RFC 3339), for health"}},
	Timeout:  apihttp.DefaultTimeout,
	Evidence: provider.Evidence{Weight: 0.5, Kind: provider.Social, Rank: 40},
	New:      newFromConn,
}

// cost is the price of a call: none.
var cost = provider.Cost{Source: "the Community Management API charges nothing"}

// newFromConn builds the client with the member's access token (which
// may be empty when a refresh token mints it) and the rest of its
// settings (see Spec.Settings) and secrets: the refresh token
// (LEADGEN_LINKEDIN_REFRESH_TOKEN[_FILE]) and the client secret
// (LEADGEN_LINKEDIN_CLIENT_SECRET[_FILE]) of the programmatic refresh.
func newFromConn(c provider.Conn) (provider.Provider, error) {
	cfg := Config{AccessToken: c.Credential, ClientID: c.Setting("client-id"), Version: c.Setting("version"),
		OAuthURL: cmp.Or(c.Setting("oauth-url"), c.URL)}
	var errRefresh, errSecret, errExpires error
	errCost := cfg.SetConnPriced(c)
	cfg.RefreshToken, errRefresh = c.Secret("_REFRESH_TOKEN")
	cfg.ClientSecret, errSecret = c.Secret("_CLIENT_SECRET")
	cfg.AccessTokenExpiresAt, errExpires = expiresAt(c.Setting("token-expires-at"))
	if err := errors.Join(errRefresh, errSecret, errExpires, errCost); err != nil {
		return nil, err
	}
	return New(cfg)
}

// expiresAt reads the token-expires-at setting, an RFC 3339 time; zero
// when it is unset.
func expiresAt(raw string) (time.Time, error) {
	if raw == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("linkedin token-expires-at (LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT) %q is not an RFC 3339 time such as 2026-09-01T00:00:00Z", raw)
	}
	return t, nil
}
