package linkedin

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Config sets up a Client.
type Config struct {
	// BaseURL is the API host, without /rest; default DefaultBaseURL.
	// Point it at a sandbox with e.g. http://127.0.0.1:8081/linkedin.
	BaseURL string
	// AccessToken is an OAuth 2.0 access token of the app; required. The
	// caller reads it from LEADGEN_LINKEDIN_ACCESS_TOKEN or the file
	// named by LEADGEN_LINKEDIN_ACCESS_TOKEN_FILE.
	AccessToken string
	// Version is the LinkedIn-Version header, YYYYMM; default
	// DefaultVersion. LinkedIn supports a version for at least a year
	// and refuses a sunset one, so raise it at least yearly.
	Version string
	// Timeout bounds each HTTP call; default 10s.
	Timeout time.Duration
	// MatchThreshold is the lowest similarity (0..1] of the company's and
	// the page's names that counts as the company's page without a
	// website to confirm it; default 0.85.
	MatchThreshold float64
	// CostPerCall is the price of one call in USD; default 0, as the API
	// charges nothing and limits calls per day instead.
	CostPerCall float64
	// HTTPClient makes the calls; default a client of its own.
	HTTPClient *http.Client
}

// The defaults.
const (
	DefaultBaseURL        = "https://api.linkedin.com"
	DefaultVersion        = "202607"
	DefaultTimeout        = 10 * time.Second
	DefaultMatchThreshold = 0.85
)

// maxIdlePerHost matches the default in-flight bound of a provider
// process (DESIGN §8), so concurrent lookups reuse connections.
const maxIdlePerHost = 256

var versionForm = regexp.MustCompile(`^20[0-9]{2}(0[1-9]|1[0-2])$`)

func (c *Config) setDefaults() {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Version == "" {
		c.Version = DefaultVersion
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MatchThreshold == 0 {
		c.MatchThreshold = DefaultMatchThreshold
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
	if strings.TrimSpace(c.AccessToken) == "" {
		errs = append(errs, errors.New("linkedin access token is required: set LEADGEN_LINKEDIN_ACCESS_TOKEN or LEADGEN_LINKEDIN_ACCESS_TOKEN_FILE"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		errs = append(errs, fmt.Errorf("linkedin base url %q must be an absolute http(s) url without a query", withoutQuery(c.BaseURL)))
	}
	if !versionForm.MatchString(c.Version) {
		errs = append(errs, fmt.Errorf("linkedin version %q must be YYYYMM", c.Version))
	}
	if c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("linkedin timeout must be positive, got %s", c.Timeout))
	}
	if !(c.MatchThreshold > 0 && c.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("linkedin match threshold must be within (0, 1], got %g", c.MatchThreshold))
	}
	if !(c.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("linkedin cost per call must not be negative, got %g", c.CostPerCall))
	}
	return errors.Join(errs...)
}

// withoutQuery drops a query from a URL quoted in an error.
func withoutQuery(raw string) string {
	before, _, _ := strings.Cut(raw, "?")
	return before
}
