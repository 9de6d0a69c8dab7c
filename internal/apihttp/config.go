package apihttp

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// The defaults the provider API clients share.
const (
	// DefaultTimeout bounds each call of a client that sets no timeout.
	DefaultTimeout = 10 * time.Second
	// DefaultMatchThreshold is the lowest name similarity that counts as
	// the requested company, for a client that sets none.
	DefaultMatchThreshold = 0.85
)

// maxIdlePerHost matches the default in-flight bound of a provider
// process (DESIGN §8), so concurrent lookups reuse connections.
const maxIdlePerHost = 256

// NewTransport returns a clone of http.DefaultTransport that keeps enough
// idle connections to one API for hundreds of lookups in flight.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 0 // no total cap: the per-host cap bounds them
	t.MaxIdleConnsPerHost = maxIdlePerHost
	return t
}

// NewClient returns the HTTP client of an API client given none: one of
// its own over NewTransport.
func NewClient() *http.Client {
	return &http.Client{Transport: NewTransport()}
}

// Settings are the settings of a provider API client that has all of
// them: its Config embeds Settings, so that they are documented, set to
// their defaults and checked in one place. A client that lacks one keeps
// its own fields and uses Common.
type Settings struct {
	// BaseURL is the API's root; default the provider's DefaultBaseURL,
	// trailing slashes trimmed. Point it at a sandbox with the provider's
	// path on it, e.g. http://127.0.0.1:8081/companies-house.
	BaseURL string
	// Timeout bounds each HTTP call, not the whole lookup; it must be
	// positive, and zero means DefaultTimeout (10s).
	Timeout time.Duration
	// MatchThreshold is the lowest similarity (0..1] of the requested
	// company's name and a candidate's that counts as the same company;
	// zero means DefaultMatchThreshold (0.85).
	MatchThreshold float64
	// CostPerCall is the price of one HTTP call in USD; it must not be
	// negative, and defaults to 0.
	CostPerCall float64
	// HTTPClient makes the calls; default NewClient(), whose transport
	// keeps enough idle connections for hundreds of lookups in flight.
	HTTPClient *http.Client
}

// SetDefaults sets an empty base URL to baseURL and trims its trailing
// slashes, and fills a zero timeout, match threshold or HTTP client with
// its default.
func (s *Settings) SetDefaults(baseURL string) { s.common("").SetDefaults(baseURL) }

// Check reports every setting but the base URL that is out of range,
// each message starting with provider; nil when all are fine.
func (s Settings) Check(provider string) error { return s.common(provider).Check() }

// SetConn takes the settings the wiring gives a provider with a price
// per call (see provider.Conn): the base URL, the HTTP client, the
// timeout and the cost-per-call setting, whose error it returns when the
// setting is not a number of at least 0.
func (s *Settings) SetConn(c provider.Conn) error { return s.common("").SetConn(c) }

// API is the JSON API the settings point at, as Common.API.
func (s Settings) API(secret string, maxBody int64, authorize func(*http.Request), classify ClassifyFunc) API {
	return s.common("").API(secret, maxBody, authorize, classify)
}

// common points at every one of s's settings, as provider's.
func (s *Settings) common(provider string) Common {
	return Common{Provider: provider, BaseURL: &s.BaseURL, Timeout: &s.Timeout,
		MatchThreshold: &s.MatchThreshold, CostPerCall: &s.CostPerCall, HTTPClient: &s.HTTPClient}
}

// Common points at the settings a provider API client's Config shares
// with the other clients, for a client that lacks some of Settings, so
// that one SetDefaults and one Check serve them all. A nil field is a
// setting the client lacks or handles itself.
type Common struct {
	// Provider starts every message, e.g. "companies house".
	Provider string
	// BaseURL is the API's root, for SetDefaults; CheckBaseURL, or the
	// client's own rule, checks it.
	BaseURL *string
	// Timeout must be positive; zero means DefaultTimeout.
	Timeout *time.Duration
	// MatchThreshold must be within (0, 1]; zero means
	// DefaultMatchThreshold.
	MatchThreshold *float64
	// CostPerCall must not be negative.
	CostPerCall *float64
	// HTTPClient defaults to NewClient().
	HTTPClient **http.Client
}

// SetDefaults sets an empty base URL to baseURL and trims its trailing
// slashes, and fills a zero timeout, match threshold or HTTP client with
// its default.
func (s Common) SetDefaults(baseURL string) {
	if s.BaseURL != nil {
		*s.BaseURL = strings.TrimRight(cmp.Or(*s.BaseURL, baseURL), "/")
	}
	if s.Timeout != nil {
		*s.Timeout = cmp.Or(*s.Timeout, DefaultTimeout)
	}
	if s.MatchThreshold != nil {
		*s.MatchThreshold = cmp.Or(*s.MatchThreshold, DefaultMatchThreshold)
	}
	if s.HTTPClient != nil && *s.HTTPClient == nil {
		*s.HTTPClient = NewClient()
	}
}

// SetConn takes the settings the wiring gives a provider with a price
// per call (see provider.Conn): the base URL, the HTTP client, the
// timeout and the cost-per-call setting, whose error it returns when the
// setting is not a number of at least 0. BaseURL, Timeout, HTTPClient and
// CostPerCall must be set.
func (s Common) SetConn(c provider.Conn) error {
	*s.BaseURL, *s.HTTPClient, *s.Timeout = c.URL, c.HTTPClient, c.Timeout
	var err error
	*s.CostPerCall, err = c.Float(provider.CostPerCall)
	return err
}

// Check reports every setting but the base URL that is out of range,
// each message starting with the provider's name; nil when all are fine.
func (s Common) Check() error {
	var errs []error
	if s.Timeout != nil && *s.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("%s timeout must be positive, got %s", s.Provider, *s.Timeout))
	}
	if s.MatchThreshold != nil && !(*s.MatchThreshold > 0 && *s.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("%s match threshold must be within (0, 1], got %g", s.Provider, *s.MatchThreshold))
	}
	if s.CostPerCall != nil && !(*s.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("%s cost per call must not be negative, got %g", s.Provider, *s.CostPerCall))
	}
	return errors.Join(errs...)
}

// CheckBaseURL reports a base URL that is not an absolute http(s) URL
// without a query, quoting it without its query, where a token pasted
// into it would otherwise leak.
func CheckBaseURL(provider, raw string) error {
	if !isBaseURL(raw) {
		return fmt.Errorf("%s base url %q must be an absolute http(s) url without a query", provider, withoutQuery(raw))
	}
	return nil
}

// CheckCredential returns an error with the text missing when credential
// is blank, and nil otherwise.
func CheckCredential(credential, missing string) error {
	if strings.TrimSpace(credential) == "" {
		return errors.New(missing)
	}
	return nil
}

// IsHTTPURL reports whether raw is an absolute http or https URL with a
// host.
func IsHTTPURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && isHTTP(u)
}

// isBaseURL reports whether raw is an absolute http(s) URL without a
// query, to which a path can be appended.
func isBaseURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && isHTTP(u) && u.RawQuery == ""
}

func isHTTP(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// withoutQuery drops a query from a URL quoted in an error, where a token
// pasted into the base URL would otherwise leak.
func withoutQuery(raw string) string {
	before, _, _ := strings.Cut(raw, "?")
	return before
}
