package opencorporates

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
	// BaseURL is the API root with its version; default DefaultBaseURL.
	// Point it at a sandbox with e.g.
	// http://127.0.0.1:8081/opencorporates/v0.4.
	BaseURL string
	// APIToken is the account's API token; required. The caller reads it
	// from LEADGEN_OPENCORPORATES_API_TOKEN or the file named by
	// LEADGEN_OPENCORPORATES_API_TOKEN_FILE.
	APIToken string
	// Timeout bounds each HTTP call, not the whole lookup; default 10s.
	// The API usually answers within a second but slows under load, and
	// a fallback would rather wait than fail.
	Timeout time.Duration
	// CostPerCall is the price of one HTTP call in USD, from the plan's
	// price and quota; default 0.
	CostPerCall float64
	// HTTPClient makes the calls; default a client whose transport keeps
	// enough idle connections for hundreds of lookups in flight.
	HTTPClient *http.Client
}

// The defaults.
const (
	DefaultBaseURL = "https://api.opencorporates.com/v0.4"
	DefaultTimeout = 10 * time.Second
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
	if c.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = maxIdlePerHost
		c.HTTPClient = &http.Client{Transport: t}
	}
}

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.APIToken) == "" {
		errs = append(errs, errors.New("opencorporates api token is required: set LEADGEN_OPENCORPORATES_API_TOKEN or LEADGEN_OPENCORPORATES_API_TOKEN_FILE"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		errs = append(errs, fmt.Errorf("opencorporates base url %q must be an absolute http(s) url without a query", withoutQuery(c.BaseURL)))
	}
	if c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("opencorporates timeout must be positive, got %s", c.Timeout))
	}
	if !(c.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("opencorporates cost per call must not be negative, got %g", c.CostPerCall))
	}
	return errors.Join(errs...)
}

// withoutQuery drops a query from a URL quoted in an error, where a
// token pasted into the base URL would otherwise leak.
func withoutQuery(raw string) string {
	before, _, _ := strings.Cut(raw, "?")
	return before
}
