package companieshouse

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
	// sandbox with e.g. http://127.0.0.1:8081/companies-house.
	BaseURL string
	// APIKey is the REST API key (HTTP Basic user name); required.
	APIKey string
	// Timeout bounds each HTTP call, not the whole lookup; default 10s, a
	// generous bound for an API that usually answers in well under 1s.
	Timeout time.Duration
	// MatchThreshold is the lowest Jaro-Winkler similarity (0..1] of the
	// normalised requested name and a search hit's title that counts as
	// the same company; default 0.85, which accepts "Acme Widgets" for
	// "ACME WIDGETS (UK) LTD" and refuses "Zenith Widgets". Jaro-Winkler
	// favours a shared start ("Acme Wires" scores 0.93), which is why an
	// exact title, when the search lists it, always wins.
	MatchThreshold float64
	// CostPerCall is the price of one HTTP call in USD; default 0, as the
	// API is free.
	CostPerCall float64
	// HTTPClient makes the calls; default a client whose transport keeps
	// enough idle connections for hundreds of lookups in flight.
	HTTPClient *http.Client
}

// The defaults.
const (
	DefaultBaseURL        = "https://api.company-information.service.gov.uk"
	DefaultTimeout        = 10 * time.Second
	DefaultMatchThreshold = 0.85
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
	if c.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConns = 0 // no total cap: the per-host cap below bounds them
		t.MaxIdleConnsPerHost = maxIdlePerHost
		c.HTTPClient = &http.Client{Transport: t}
	}
}

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.APIKey) == "" {
		errs = append(errs, errors.New("companies house api key is required: set LEADGEN_COMPANIES_HOUSE_API_KEY or LEADGEN_COMPANIES_HOUSE_API_KEY_FILE"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("companies house base url %q must be an absolute http(s) url", c.BaseURL))
	}
	if c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("companies house timeout must be positive, got %s", c.Timeout))
	}
	if !(c.MatchThreshold > 0 && c.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("companies house match threshold must be within (0, 1], got %g", c.MatchThreshold))
	}
	if !(c.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("companies house cost per call must not be negative, got %g", c.CostPerCall))
	}
	return errors.Join(errs...)
}
