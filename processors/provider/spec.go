package provider

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Spec is everything leadgen needs to know about one data source besides
// its lookup: each provider package exports one (companieshouse.Spec) and
// processors/registry lists them. The layers (rate limit, cache, breaker,
// metrics, routing) are written once and read their settings from here.
type Spec struct {
	// Name is the provider's name in topics, headers, records and flags
	// (the package's ProviderName constant).
	Name string
	// Credential is the suffix of the environment variable holding the
	// API credential, e.g. "_API_KEY" for LEADGEN_COMPANIES_HOUSE_API_KEY
	// (NAME_FILE may name a file holding it); "" when none is needed.
	Credential string
	// CredentialFrom names the source whose credential variables this one
	// reads ("" its own): two providers of one API share its key.
	CredentialFrom string
	// StandIn is a credential suffix that may stand in for Credential when
	// that is unset (LinkedIn's refresh token mints the access token).
	StandIn string
	// SandboxPath is where `leadgen sandbox` mounts the simulated API,
	// e.g. "/companies-house".
	SandboxPath string
	// Quota is the API's default rate limit for one credential.
	Quota Quota
	// ReadQuota reads the API's quota headers (nil: it sends none).
	ReadQuota Reader
	// CostPerCall is the default price of one call in USD and where the
	// figure comes from; the provider's Config may override it.
	CostPerCall Cost
	// Timeout bounds each HTTP call (the provider's Config default).
	Timeout time.Duration
	// Secondary names the source the fallback asks when this provider
	// fails ("" none).
	Secondary string
	// OptIn marks a provider enabled only when named in
	// LEADGEN_PROVIDERS, not by default (one that spends another's
	// quota).
	OptIn bool
	// SecondaryOnly marks a source that is never a role of its own, only
	// another provider's Secondary (OpenCorporates).
	SecondaryOnly bool
	// Evidence is how far leadgen believes what this source says.
	Evidence Evidence
	// OwnClient marks a provider that makes its own HTTP client (the
	// website provider reads many sites, not one API with a quota).
	OwnClient bool
	// Settings are the provider's own settings, beyond the timeout and
	// quota every provider has (see internal/settings): each is set by
	// --provider-setting NAME.KEY=VALUE, LEADGEN_<NAME>_<KEY> or the
	// configuration file's providers block, and reaches New through
	// Conn.Setting. Credentials are not settings: see Credential.
	Settings []Setting
	// New builds the client.
	New func(Conn) (Provider, error)
}

// Quota is an API's rate limit: Calls per Period, paced over the period.
// A zero Quota is not paced (the limit the API states is still learned).
type Quota struct {
	Calls  int
	Period time.Duration
	// Key names the limiter whose quota this API shares ("" is its own
	// name): two providers calling one API with one key share its quota.
	Key string
	// Daily marks an API with a daily quota it does not announce (see
	// ratelimit.Gate.Daily).
	Daily bool
	// Source says where the figure comes from.
	Source string
}

// UntilMidnightUTC is the wait from now until the next midnight UTC,
// when the APIs with a daily quota reset it.
func UntilMidnightUTC(now time.Time) time.Duration {
	u := now.UTC()
	return time.Date(u.Year(), u.Month(), u.Day()+1, 0, 0, 0, 0, time.UTC).Sub(u)
}

// Setting is one setting a provider declares: its key (lower case,
// words joined by hyphens, e.g. "cost-per-call"), its default as text
// ("" for none) and what it means.
type Setting struct {
	Key, Default, Usage string
}

// Cost is a price per call and its source.
type Cost struct {
	USD    float64
	Source string
}

// Conn is what a Spec's New gets from the wiring.
type Conn struct {
	// URL is the API's base URL ("" for the package's default).
	URL string
	// Credential is the value of the Spec's Credential variable (""
	// when only its StandIn is set).
	Credential string
	// HTTPClient makes the calls, through the API's rate limiter.
	HTTPClient *http.Client
	// Timeout is the provider's timeout setting (Spec.Timeout unless the
	// operator set it).
	Timeout time.Duration
	// Setting returns one of the Spec's Settings by key, from the first
	// source that sets it, else its default.
	Setting func(key string) string
	// Secret reads the secret LEADGEN_<NAME><suffix>, or the file its
	// _FILE form names: the provider's credentials beyond Credential.
	Secret func(suffix string) (string, error)
	// Options are the operator's flag settings for a provider that takes
	// them (the website's website.Config; companies_house's store of
	// the bulk snapshots, companieshouse.Bulk); nil otherwise.
	Options any
}

// Reading is what one API answer said about the quota. Each provider
// package reads its own API's headers into one (see Reader).
type Reading struct {
	// Limit calls per Window, when the API states its quota.
	Limit  int
	Window time.Duration
	// Remaining calls until Reset, when HasRemaining.
	Remaining    int
	HasRemaining bool
	Reset        time.Time
}

// Reader reads an API's answer headers into a Reading.
type Reader func(h http.Header, now time.Time) Reading

// LimiterKey is the name of the limiter the Spec's calls go through.
func (s Spec) LimiterKey() string {
	if s.Quota.Key != "" {
		return s.Quota.Key
	}
	return s.Name
}

// CostPerCall is the key of the price-per-call setting.
const CostPerCall = "cost-per-call"

// CostSetting declares the price-per-call setting with cost as its
// default, for a provider whose calls have one price.
func CostSetting(cost Cost) Setting {
	return Setting{Key: CostPerCall, Default: strconv.FormatFloat(cost.USD, 'f', -1, 64),
		Usage: "price of one call in USD (" + cost.Source + ")"}
}

// Float reads the setting key as a number of at least 0.
func (c Conn) Float(key string) (float64, error) {
	raw := c.Setting(key)
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("setting %s %q: want a number of at least 0", key, raw)
	}
	return v, nil
}
