package facebook

import (
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/processors/provider"
)

// AppSecretSuffix names the Graph app's secret after the provider's
// environment prefix (LEADGEN_FACEBOOK_APP_SECRET[_FILE]): optional, and
// with it every Graph call carries appsecret_proof.
const AppSecretSuffix = "_APP_SECRET"

// Spec describes the Facebook provider to the registry.
var Spec = provider.Spec{
	Name:        ProviderName,
	Credential:  "_ACCESS_TOKEN",
	SandboxPath: "/facebook",
	Quota: provider.Quota{Calls: 200, Period: time.Hour,
		Source: "Graph's platform limit for an app with one user, per rolling hour (X-App-Usage reports the share used)"},
	ReadQuota:   QuotaReading,
	CostPerCall: cost,
	Settings:    []provider.Setting{provider.CostSetting(cost)},
	Timeout:     apihttp.DefaultTimeout,
	Evidence:    provider.Evidence{Weight: 0.4, Kind: provider.Social, Rank: 60},
	New:         newFromConn,
}

// cost is the price of a Graph call: none.
var cost = provider.Cost{Source: "the Graph API charges nothing; it limits calls by usage"}

// newFromConn builds the Graph client, with the app secret when one is
// set.
func newFromConn(c provider.Conn) (provider.Provider, error) {
	appSecret, err := c.Secret(AppSecretSuffix)
	if err != nil {
		return nil, fmt.Errorf("facebook app secret: %w", err)
	}
	return apihttp.NewPriced(c, Config{AccessToken: c.Credential, AppSecret: appSecret}, New)
}
