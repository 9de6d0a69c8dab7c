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

// Settings are the settings every provider API client shares: its
// Config embeds Settings, so that they are documented, set to their
// defaults and checked in one place.
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
	// negative, and defaults to 0. A client that prices something else
	// (X bills per item read) says so and refuses a price per call.
	CostPerCall float64
	// HTTPClient makes the calls; default NewClient(), whose transport
	// keeps enough idle connections for hundreds of lookups in flight.
	HTTPClient *http.Client
}

// SetDefaults sets an empty base URL to baseURL and trims its trailing
// slashes, and fills a zero timeout, match threshold or HTTP client with
// its default.
func (s *Settings) SetDefaults(baseURL string) {
	s.BaseURL = strings.TrimRight(cmp.Or(s.BaseURL, baseURL), "/")
	s.Timeout = cmp.Or(s.Timeout, DefaultTimeout)
	s.MatchThreshold = cmp.Or(s.MatchThreshold, DefaultMatchThreshold)
	if s.HTTPClient == nil {
		s.HTTPClient = NewClient()
	}
}

// SetConn takes the settings the wiring gives a provider (see
// provider.Conn): the base URL, the HTTP client and the timeout.
func (s *Settings) SetConn(c provider.Conn) {
	s.BaseURL, s.HTTPClient, s.Timeout = c.URL, c.HTTPClient, c.Timeout
}

// SetConnPriced is SetConn for a provider with a price per call: it also
// takes the cost-per-call setting, whose error it returns when the
// setting is not a number of at least 0.
func (s *Settings) SetConnPriced(c provider.Conn) error {
	s.SetConn(c)
	var err error
	s.CostPerCall, err = c.Float(provider.CostPerCall)
	return err
}

// pricedConfig is a provider API client's config that embeds Settings
// and so takes a price per call.
type pricedConfig[T any] interface {
	*T
	SetConnPriced(provider.Conn) error
}

// NewPriced is the provider.Spec New of a client with a price per call:
// it gives cfg, which holds the credential, the settings of the wiring
// (SetConnPriced) and makes the client with newClient.
func NewPriced[T any, P pricedConfig[T], C provider.Provider](c provider.Conn, cfg T, newClient func(T) (C, error)) (provider.Provider, error) {
	if err := P(&cfg).SetConnPriced(c); err != nil {
		return nil, err
	}
	client, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	return client, nil
}

// Check reports every setting but the base URL that is out of range,
// each message starting with provider; nil when all are fine. The base
// URL is the client's to check: CheckBaseURL, or a rule of its own.
func (s Settings) Check(provider string) error {
	var errs []error
	if s.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("%s timeout must be positive, got %s", provider, s.Timeout))
	}
	if !(s.MatchThreshold > 0 && s.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("%s match threshold must be within (0, 1], got %g", provider, s.MatchThreshold))
	}
	if !(s.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("%s cost per call must not be negative, got %g", provider, s.CostPerCall))
	}
	return errors.Join(errs...)
}

// CheckWith reports what Validate reports for most clients, each message
// starting with provider: a blank credential, with the text missing; a
// base URL CheckBaseURL refuses; and what Check refuses.
func (s Settings) CheckWith(provider, credential, missing string) error {
	return errors.Join(
		CheckCredential(credential, missing),
		CheckBaseURL(provider, s.BaseURL),
		s.Check(provider),
	)
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

// Config is a provider API client's configuration, as Build takes it.
type Config[T any] interface {
	*T
	// Defaults fills the settings left zero.
	Defaults()
	// Validate reports every setting that is missing or out of range.
	Validate() error
}

// Build is the constructor every provider API client shares: it fills
// cfg's zero settings with their defaults, checks them, and only then
// makes the client with newClient; the error names every setting that
// is missing or out of range.
func Build[T any, P Config[T], C any](cfg T, newClient func(T) *C) (*C, error) {
	P(&cfg).Defaults()
	if err := P(&cfg).Validate(); err != nil {
		return nil, err
	}
	return newClient(cfg), nil
}
