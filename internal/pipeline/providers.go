package pipeline

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/redis/go-redis/v9"

	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/facebook"
	"github.com/leadgen/leadgen/processors/opencorporates"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/website"
	"github.com/leadgen/leadgen/processors/x"
)

// Sandbox points providers at a running sandbox instead of the real APIs.
type Sandbox struct {
	// URL is the sandbox's base URL, e.g. http://127.0.0.1:8081.
	URL string
	// Client reaches the sandbox (default http.DefaultClient).
	Client *http.Client
}

// envName turns a provider name into its environment prefix:
// companies_house → LEADGEN_COMPANIES_HOUSE.
func envName(provider string) string { return "LEADGEN_" + strings.ToUpper(provider) }

// Deps are what every API client of a process shares.
type Deps struct {
	// Sandbox, when set, is where every API is served.
	Sandbox *Sandbox
	// Redis shares rate limits across processes (nil: in-process only).
	Redis *redis.Client
	// Quotas are the rate limits per API (DefaultQuotas); an API without
	// one is not paced, though the quota it states is learned.
	Quotas  map[string]ratelimit.Quota
	Logger  *slog.Logger
	Metrics *metrics.Metrics
	// Website is the website provider's operator settings (user agent,
	// plain http); its SandboxURL is set from the sandbox or
	// LEADGEN_WEBSITE_URL.
	Website website.Config
}

// DefaultQuotas are the real APIs' limits for one credential, where the
// API publishes them. Each is paced over its window, and a lower limit the
// API states in its headers replaces it.
//   - companies_house: 600 calls per 5 minutes per key (developer guide,
//     "Rate limiting"; X-Ratelimit-* headers).
//   - opencorporates: 50 calls a day, the free open-data plan's daily cap
//     (paid plans are higher: set --quota from the account_status call).
//   - x: 300 calls per 15 minutes per app, the limit of users/by (the
//     lowest of the v2 endpoints leadgen calls; x-rate-limit-* headers).
//   - facebook: 200 calls per rolling hour, Graph's platform limit for an
//     app with one user (X-App-Usage reports the share used).
//   - linkedin: unpublished (the Developer Portal's Analytics tab shows an
//     app's daily limits); no pacing by default, and 429s are met with
//     backoffs, then midnight UTC once the day's quota is really spent.
var DefaultQuotas = map[string]ratelimit.Quota{
	"companies_house": {Calls: 600, Period: 5 * time.Minute},
	"opencorporates":  {Calls: 50, Period: 24 * time.Hour},
	"x":               {Calls: 300, Period: 15 * time.Minute},
	"facebook":        {Calls: 200, Period: time.Hour},
	"linkedin":        {},
}

// api describes how to build one API's client.
type api struct {
	credential  string // env suffix of the credential
	sandboxPath string
	build       func(url, credential string, client *http.Client) (provider.Provider, error)
	// read reads the API's quota headers (nil: it sends none).
	read ratelimit.Reader
	// daily: the API has a daily quota it does not announce (see
	// ratelimit.Gate.Daily).
	daily bool
	// ownClient: the client makes its own HTTP client (the website
	// provider, which calls many sites, not one API with a quota).
	ownClient bool
}

// Client is an API client with the limiter its calls go through (nil when
// the API has no quota).
type Client struct {
	provider.Provider
	Limiter *ratelimit.Limiter
	// Daily is ratelimit.Gate.Daily for this API.
	Daily bool
}

var apis = map[string]api{
	"companies_house": {"_API_KEY", "/companies-house", func(url, key string, c *http.Client) (provider.Provider, error) {
		return companieshouse.New(companieshouse.Config{BaseURL: url, APIKey: key, HTTPClient: c})
	}, companieshouse.QuotaReading, false, false},
	"opencorporates": {"_API_TOKEN", "/opencorporates/v0.4", func(url, token string, c *http.Client) (provider.Provider, error) {
		return opencorporates.New(opencorporates.Config{BaseURL: url, APIToken: token, HTTPClient: c})
	}, nil, false, false},
	"x": {"_BEARER_TOKEN", "/x", func(url, token string, c *http.Client) (provider.Provider, error) {
		return x.New(x.Config{BaseURL: url, BearerToken: token, HTTPClient: c})
	}, x.QuotaReading, false, false},
	"linkedin": {"_ACCESS_TOKEN", "/linkedin", buildLinkedIn, nil, true, false},
	"facebook": {"_ACCESS_TOKEN", "/facebook", newFacebook, facebook.QuotaReading, false, false},
	// The website provider needs no credential and makes its own guarded
	// client from Deps.Website (build nil, see Deps.build); its URL is
	// only ever the sandbox's.
	"website": {"", "/website", nil, nil, false, true},
}

// FacebookAppSecretEnv names the Graph app's secret: optional, and with
// it every Graph call carries appsecret_proof. NAME_FILE may name a file
// holding it instead.
const FacebookAppSecretEnv = "LEADGEN_FACEBOOK_APP_SECRET"

// FacebookAppSecret reads the Graph app's secret from FacebookAppSecretEnv
// or its _FILE; "" when neither is set.
func FacebookAppSecret() (string, error) {
	s, _, err := secret.Lookup(FacebookAppSecretEnv)
	return s, err
}

// newFacebook builds the Graph client, with the app secret when one is
// set.
func newFacebook(url, token string, c *http.Client) (provider.Provider, error) {
	appSecret, err := FacebookAppSecret()
	if err != nil {
		return nil, err
	}
	return facebook.New(facebook.Config{BaseURL: url, AccessToken: token, AppSecret: appSecret, HTTPClient: c})
}

// standIn names, per API, a credential (env suffix) that stands in for
// the main one when that is unset: a LinkedIn refresh token mints the
// access token.
var standIn = map[string]string{"linkedin": "_REFRESH_TOKEN"}

// missingCredential says which variables give name its credential.
func missingCredential(name string) string {
	e := envName(name) + apis[name].credential
	msg := fmt.Sprintf("set %s or %s_FILE", e, e)
	if s, ok := standIn[name]; ok {
		msg += fmt.Sprintf(" (or %s%s[_FILE])", envName(name), s)
	}
	return msg
}

// Providers builds the clients of the given provider roles from the
// environment (DESIGN §9): LEADGEN_<P>_URL overrides the base URL and the
// credential comes from LEADGEN_<P>_API_KEY or LEADGEN_<P>_API_KEY_FILE;
// facebook also reads the optional FacebookAppSecretEnv. With a sandbox,
// URLs default to it and a missing credential is fine.
func Providers(roles []string, d Deps) (map[string]provider.Provider, error) {
	out := map[string]provider.Provider{}
	for _, role := range roles {
		if role == RoleAggregator {
			continue
		}
		p, found, err := newClient(role, d)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("%s: no credential: %s, or run with --sandbox", role, missingCredential(role))
		}
		out[role] = p
	}
	return out, nil
}

// newClient builds the named API's client; found is false when it has no
// credential (and there is no sandbox).
func newClient(name string, d Deps) (provider.Provider, bool, error) {
	a, ok := apis[name]
	if !ok {
		return nil, false, fmt.Errorf("provider %s is not implemented", name)
	}
	cred, found, err := lookupCredential(name, a)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", name, err)
	}
	url := os.Getenv(envName(name) + "_URL")
	if d.Sandbox != nil {
		if url == "" {
			url = d.Sandbox.URL + a.sandboxPath
		}
		if !found {
			cred, found = "sandbox-"+name, true
		}
	}
	if !found {
		return nil, false, nil
	}
	hc, limiter := d.httpClient(name, cred, a)
	p, err := d.build(a, url, cred, hc)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", name, err)
	}
	return &Client{Provider: p, Limiter: limiter, Daily: a.daily}, true, nil
}

// build makes an API's client. One without a build function is the
// website provider, which takes the operator's settings, not a
// credential.
func (d Deps) build(a api, url, cred string, hc *http.Client) (provider.Provider, error) {
	if a.build == nil {
		cfg := d.Website
		cfg.SandboxURL = url
		return website.New(cfg)
	}
	return a.build(url, cred, hc)
}

// lookupCredential reads the API's credential; found is also true when
// only its stand-in is set, which the API's build reads itself.
func lookupCredential(name string, a api) (string, bool, error) {
	if a.credential == "" {
		return "", true, nil
	}
	cred, found, err := secret.Lookup(envName(name) + a.credential)
	if found || err != nil || standIn[name] == "" {
		return cred, found, err
	}
	_, found, err = secret.Lookup(envName(name) + standIn[name])
	return "", found, err
}

// httpClient is the client one API's calls go through: pooled connections
// for many concurrent lookups, and the API's rate limit on every call.
// An API without a quota in Quotas is not paced, but its limiter still
// learns the quota the API states and holds calls while the API pushes
// back.
func (d Deps) httpClient(name, credential string, a api) (*http.Client, *ratelimit.Limiter) {
	var rt http.RoundTripper = apihttp.NewTransport()
	if d.Sandbox != nil && d.Sandbox.Client != nil && d.Sandbox.Client.Transport != nil {
		rt = d.Sandbox.Client.Transport
	}
	if a.ownClient {
		return &http.Client{Transport: rt}, nil
	}
	q := d.Quotas[name]
	log := d.Logger
	if log == nil {
		log = slog.Default()
	}
	l := ratelimit.New(d.Redis, name, credential, q, log, d.Metrics)
	if d.Metrics != nil {
		wait := d.Metrics.LimiterWait.WithLabelValues(name)
		l.OnWait(func(w time.Duration) { wait.Observe(w.Seconds()) })
	}
	return &http.Client{Transport: &ratelimit.Transport{Base: rt, Limiter: l, Read: a.read}}, l
}

// Available splits the enabled providers into those this process has
// credentials for and those it must disable, with the reason. Give every
// process the same credentials: the expected providers of a request are
// the available ones, so the aggregator never waits for a disabled one.
func Available(enabled []string, d Deps) ([]string, map[string]string, error) {
	var avail []string
	disabled := map[string]string{}
	for _, name := range enabled {
		_, found, err := newClient(name, d)
		if err != nil {
			return nil, nil, err
		}
		if !found {
			disabled[name] = "no credential: " + missingCredential(name)
			continue
		}
		avail = append(avail, name)
	}
	return avail, disabled, nil
}

// secondaryOf names each provider's secondary source for the fallback.
var secondaryOf = map[string]string{"companies_house": "opencorporates"}

// Secondaries builds the fallback sources of the given roles. Without a
// credential (and no sandbox) a secondary is skipped and the fallback goes
// straight to the stale cache; skipped names are returned so the caller
// can say so at start-up.
func Secondaries(roles []string, d Deps) (map[string]provider.Provider, []string, error) {
	out := map[string]provider.Provider{}
	var skipped []string
	for _, role := range roles {
		name, ok := secondaryOf[role]
		if !ok {
			continue
		}
		p, found, err := newClient(name, d)
		if err != nil {
			return nil, nil, err
		}
		if !found {
			skipped = append(skipped, name)
			continue
		}
		out[role] = p
	}
	return out, skipped, nil
}
