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
	"github.com/leadgen/leadgen/internal/settings"
	"github.com/leadgen/leadgen/processors/facebook"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/registry"
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
	// Options are the operator's flag settings by provider name, for a
	// provider that takes them (provider.Conn.Options): the website's
	// website.Config, whose SandboxURL is set from the sandbox or
	// LEADGEN_WEBSITE_URL.
	Options map[string]any
	// Settings are the providers' settings from the command line, the
	// environment and a configuration file (nil: the environment only).
	Settings *settings.Source
}

// DefaultQuotas are the real APIs' limits for one credential, where the
// API publishes them, from each provider's Spec (Quota.Source says where
// each figure comes from). Each is paced over its window, and a lower
// limit the API states in its headers replaces it. An API whose quota is
// shared with another's (Quota.Key) has no entry of its own.
var DefaultQuotas = defaultQuotas()

func defaultQuotas() map[string]ratelimit.Quota {
	q, _ := Quotas(nil, true)
	return q
}

// Quotas are the APIs' quotas the operator set (see internal/settings)
// and, with defaults, the Specs' quotas for the others.
func Quotas(src *settings.Source, defaults bool) (map[string]ratelimit.Quota, error) {
	out := map[string]ratelimit.Quota{}
	for _, s := range registry.All() {
		if s.Quota.Key != "" {
			continue
		}
		q, set, err := src.QuotaOf(s)
		if err != nil {
			return nil, err
		}
		if set || defaults {
			out[s.Name] = ratelimit.Quota{Calls: q.Calls, Period: q.Period}
		}
	}
	return out, nil
}

// Client is an API client with the limiter its calls go through (nil when
// the API has no quota).
type Client struct {
	provider.Provider
	Limiter *ratelimit.Limiter
	// Daily is ratelimit.Gate.Daily for this API.
	Daily bool
	// Timeout is the provider's own timeout when the operator set one
	// (flag, environment or configuration file); zero when only the
	// Spec's default applies. See AttemptTimeout.
	Timeout time.Duration
}

// AttemptTimeout bounds one attempt of provider p (the quota gate and
// the worker's call): the provider's own timeout setting when the
// operator set one, else global, the --provider-timeout every provider
// shares. A provider's timeout set to 20s thus lets its attempts run
// 20s even under the global 15s, and one set to 5s cuts them at 5s.
func AttemptTimeout(p provider.Provider, global time.Duration) time.Duration {
	if c, ok := p.(*Client); ok && c.Timeout > 0 {
		return c.Timeout
	}
	return global
}

// FacebookAppSecretEnv names the Graph app's secret: optional, and with
// it every Graph call carries appsecret_proof. NAME_FILE may name a file
// holding it instead.
const FacebookAppSecretEnv = "LEADGEN_FACEBOOK" + facebook.AppSecretSuffix

// FacebookAppSecret reads the Graph app's secret from FacebookAppSecretEnv
// or its _FILE; "" when neither is set.
func FacebookAppSecret() (string, error) {
	s, _, err := secret.Lookup(FacebookAppSecretEnv)
	return s, err
}

// missingCredential says which variables give the source its credential.
func missingCredential(s provider.Spec) string {
	e := envName(credentialOwner(s)) + s.Credential
	msg := fmt.Sprintf("set %s or %s_FILE", e, e)
	if s.StandIn != "" {
		msg += fmt.Sprintf(" (or %s%s[_FILE])", envName(s.Name), s.StandIn)
	}
	return msg
}

// credentialOwner names the source whose variables hold s's credential.
func credentialOwner(s provider.Spec) string {
	if s.CredentialFrom != "" {
		return s.CredentialFrom
	}
	return s.Name
}

// Providers builds the clients of the given provider roles from the
// environment (DESIGN §9): LEADGEN_<P>_URL overrides the base URL and the
// credential comes from LEADGEN_<P><Spec.Credential> or its _FILE; a
// provider reads its other settings from LEADGEN_<P>_* itself. With a
// sandbox, URLs default to it and a missing credential is fine. Providers
// whose Specs share a quota key share one limiter.
func Providers(roles []string, d Deps) (map[string]provider.Provider, error) {
	out := map[string]provider.Provider{}
	shared := limiters{}
	for _, role := range roles {
		if role == RoleAggregator || role == RoleWatch {
			continue
		}
		s, ok := registry.Lookup(role)
		if !ok || s.SecondaryOnly {
			return nil, fmt.Errorf("provider %s is not implemented", role)
		}
		p, found, err := newClient(s, d, shared)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("%s: no credential: %s, or run with --sandbox", role, missingCredential(s))
		}
		out[role] = p
	}
	return out, nil
}

// limiters are the limiters made so far, by quota key.
type limiters map[string]*ratelimit.Limiter

// newClient builds the source's client; found is false when it has no
// credential (and there is no sandbox).
func newClient(s provider.Spec, d Deps, shared limiters) (provider.Provider, bool, error) {
	cred, found, err := lookupCredential(s)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", s.Name, err)
	}
	url := os.Getenv(envName(s.Name) + "_URL")
	if d.Sandbox != nil {
		if url == "" {
			url = d.Sandbox.URL + s.SandboxPath
		}
		if !found {
			cred, found = "sandbox-"+s.Name, true
		}
	}
	if !found {
		return nil, false, nil
	}
	timeout, err := d.Settings.TimeoutOf(s)
	if err != nil {
		return nil, false, err
	}
	hc, limiter := d.httpClient(s, cred, shared)
	p, err := s.New(provider.Conn{URL: url, Credential: cred, HTTPClient: hc, Options: d.Options[s.Name], Timeout: timeout,
		Setting: func(key string) string { return d.Settings.Lookup(s, key) },
		Secret: func(suffix string) (string, error) {
			v, _, err := secret.Lookup(envName(s.Name) + suffix)
			return v, err
		}})
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", s.Name, err)
	}
	c := &Client{Provider: p, Limiter: limiter, Daily: s.Quota.Daily}
	if d.Settings.Lookup(s, settings.Timeout) != "" {
		c.Timeout = timeout
	}
	return c, true, nil
}

// lookupCredential reads the source's credential; found is also true when
// only its stand-in is set, which the source's New reads itself.
func lookupCredential(s provider.Spec) (string, bool, error) {
	if s.Credential == "" {
		return "", true, nil
	}
	cred, found, err := secret.Lookup(envName(credentialOwner(s)) + s.Credential)
	if found || err != nil || s.StandIn == "" {
		return cred, found, err
	}
	_, found, err = secret.Lookup(envName(s.Name) + s.StandIn)
	return "", found, err
}

// httpClient is the client one API's calls go through: pooled connections
// for many concurrent lookups, and the API's rate limit on every call.
// An API without a quota in Quotas is not paced, but its limiter still
// learns the quota the API states and holds calls while the API pushes
// back. APIs sharing a quota key share the limiter made first.
func (d Deps) httpClient(s provider.Spec, credential string, shared limiters) (*http.Client, *ratelimit.Limiter) {
	var rt http.RoundTripper = apihttp.NewTransport()
	if d.Sandbox != nil && d.Sandbox.Client != nil && d.Sandbox.Client.Transport != nil {
		rt = d.Sandbox.Client.Transport
	}
	if s.OwnClient {
		return &http.Client{Transport: rt}, nil
	}
	key := s.LimiterKey()
	l := shared[key]
	if l == nil {
		l = d.newLimiter(key, credential)
		shared[key] = l
	}
	return &http.Client{Transport: &ratelimit.Transport{Base: rt, Limiter: l, Read: s.ReadQuota}}, l
}

// newLimiter makes the limiter of one quota key.
func (d Deps) newLimiter(key, credential string) *ratelimit.Limiter {
	log := d.Logger
	if log == nil {
		log = slog.Default()
	}
	l := ratelimit.New(d.Redis, key, credential, d.Quotas[key], log, d.Metrics)
	if d.Metrics != nil {
		wait := d.Metrics.LimiterWait.WithLabelValues(key)
		l.OnWait(func(w time.Duration) { wait.Observe(w.Seconds()) })
	}
	return l
}

// Available splits the enabled providers into those this process has
// credentials for and those it must disable, with the reason. Give every
// process the same credentials: the expected providers of a request are
// the available ones, so the aggregator never waits for a disabled one.
func Available(enabled []string, d Deps) ([]string, map[string]string, error) {
	var avail []string
	disabled := map[string]string{}
	for _, name := range enabled {
		s, ok := registry.Lookup(name)
		if !ok {
			return nil, nil, fmt.Errorf("provider %s is not implemented", name)
		}
		_, found, err := newClient(s, d, limiters{})
		if err != nil {
			return nil, nil, err
		}
		if !found {
			disabled[name] = "no credential: " + missingCredential(s)
			continue
		}
		avail = append(avail, name)
	}
	return avail, disabled, nil
}

// Secondaries builds the fallback sources (Spec.Secondary) of the given
// roles. Without a credential (and no sandbox) a secondary is skipped and
// the fallback goes straight to the stale cache; skipped names are
// returned so the caller can say so at start-up.
func Secondaries(roles []string, d Deps) (map[string]provider.Provider, []string, error) {
	out := map[string]provider.Provider{}
	var skipped []string
	for _, role := range roles {
		s, _ := registry.Lookup(role)
		second, ok := registry.Lookup(s.Secondary)
		if !ok {
			continue
		}
		p, found, err := newClient(second, d, limiters{})
		if err != nil {
			return nil, nil, err
		}
		if !found {
			skipped = append(skipped, second.Name)
			continue
		}
		out[role] = p
	}
	return out, skipped, nil
}
