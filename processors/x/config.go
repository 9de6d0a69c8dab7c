package x

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Config sets up a Client.
type Config struct {
	// BaseURL is the API root; default DefaultBaseURL. Point it at a
	// sandbox with e.g. http://127.0.0.1:8081/x.
	BaseURL string
	// BearerToken is the app's OAuth 2.0 bearer token; required. The
	// caller reads it from LEADGEN_X_BEARER_TOKEN or the file named by
	// LEADGEN_X_BEARER_TOKEN_FILE.
	BearerToken string
	// Timeout bounds each HTTP call; default 10s.
	Timeout time.Duration
	// MatchThreshold is the lowest similarity (0..1] of the company's and
	// an account's names (or handles) that counts as the company's
	// account without a website to confirm it; default 0.85.
	MatchThreshold float64
	// NoSearch turns off the recent search that runs when no candidate
	// handle fits: it finds accounts that link to the company's site, at
	// the price of up to ten post reads and their authors' user reads.
	NoSearch bool
	// CostPerUserRead is the price of one user object returned, in USD;
	// 0 means DefaultCostPerUserRead, X's pay-per-use price.
	CostPerUserRead float64
	// CostPerPostRead is the price of one post returned, in USD; 0 means
	// DefaultCostPerPostRead.
	CostPerPostRead float64
	// HTTPClient makes the calls; default a client of its own.
	HTTPClient *http.Client
}

// The defaults.
const (
	DefaultBaseURL         = "https://api.x.com"
	DefaultTimeout         = 10 * time.Second
	DefaultMatchThreshold  = 0.85
	DefaultCostPerUserRead = 0.010
	DefaultCostPerPostRead = 0.005
)

// maxIdlePerHost matches the default in-flight bound of a provider
// process (DESIGN §8), so concurrent lookups reuse connections.
const maxIdlePerHost = 256

func (c *Config) setDefaults() {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MatchThreshold == 0 {
		c.MatchThreshold = DefaultMatchThreshold
	}
	if c.CostPerUserRead == 0 {
		c.CostPerUserRead = DefaultCostPerUserRead
	}
	if c.CostPerPostRead == 0 {
		c.CostPerPostRead = DefaultCostPerPostRead
	}
	if c.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = maxIdlePerHost
		c.HTTPClient = &http.Client{Transport: t}
	}
}

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.BearerToken) == "" {
		errs = append(errs, errors.New("x bearer token is required: set LEADGEN_X_BEARER_TOKEN or LEADGEN_X_BEARER_TOKEN_FILE"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		errs = append(errs, fmt.Errorf("x base url %q must be an absolute http(s) url without a query", withoutQuery(c.BaseURL)))
	}
	if c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("x timeout must be positive, got %s", c.Timeout))
	}
	if !(c.MatchThreshold > 0 && c.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("x match threshold must be within (0, 1], got %g", c.MatchThreshold))
	}
	if !(c.CostPerUserRead >= 0) || !(c.CostPerPostRead >= 0) {
		errs = append(errs, fmt.Errorf("x costs must not be negative, got %g per user and %g per post", c.CostPerUserRead, c.CostPerPostRead))
	}
	return errors.Join(errs...)
}

// withoutQuery drops a query from a URL quoted in an error.
func withoutQuery(raw string) string {
	before, _, _ := strings.Cut(raw, "?")
	return before
}
