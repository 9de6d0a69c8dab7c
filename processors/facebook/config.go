package facebook

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
	// BaseURL is the Graph host, without the version; default
	// DefaultBaseURL. Point it at a sandbox with e.g.
	// http://127.0.0.1:8081/facebook.
	BaseURL string
	// Version is the Graph API version in the path, vNN.0; default
	// DefaultVersion. Graph keeps a version for about two years.
	Version string
	// AccessToken is the app or system-user access token; required. The
	// caller reads it from LEADGEN_FACEBOOK_ACCESS_TOKEN or the file
	// named by LEADGEN_FACEBOOK_ACCESS_TOKEN_FILE.
	AccessToken string
	// Timeout bounds each HTTP call; default 10s.
	Timeout time.Duration
	// MatchThreshold is the lowest similarity (0..1] of the company's and
	// a Page's names that counts as the company's Page; default 0.85.
	MatchThreshold float64
	// CostPerCall is the price of one call in USD; default 0, as Graph
	// charges nothing and limits calls by usage instead.
	CostPerCall float64
	// HTTPClient makes the calls; default a client of its own.
	HTTPClient *http.Client
}

// The defaults.
const (
	DefaultBaseURL        = "https://graph.facebook.com"
	DefaultVersion        = "v25.0"
	DefaultTimeout        = 10 * time.Second
	DefaultMatchThreshold = 0.85
)

// maxIdlePerHost matches the default in-flight bound of a provider
// process (DESIGN §8), so concurrent lookups reuse connections.
const maxIdlePerHost = 256

var versionForm = regexp.MustCompile(`^v[0-9]{1,3}\.0$`)

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
		errs = append(errs, errors.New("facebook access token is required: set LEADGEN_FACEBOOK_ACCESS_TOKEN or LEADGEN_FACEBOOK_ACCESS_TOKEN_FILE"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		errs = append(errs, fmt.Errorf("facebook base url %q must be an absolute http(s) url without a query", withoutQuery(c.BaseURL)))
	}
	if !versionForm.MatchString(c.Version) {
		errs = append(errs, fmt.Errorf("facebook graph version %q must look like v25.0", c.Version))
	}
	if c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("facebook timeout must be positive, got %s", c.Timeout))
	}
	if !(c.MatchThreshold > 0 && c.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("facebook match threshold must be within (0, 1], got %g", c.MatchThreshold))
	}
	if !(c.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("facebook cost per call must not be negative, got %g", c.CostPerCall))
	}
	return errors.Join(errs...)
}

// withoutQuery drops a query from a URL quoted in an error, where a token
// pasted into the base URL would otherwise leak.
func withoutQuery(raw string) string {
	before, _, _ := strings.Cut(raw, "?")
	return before
}
