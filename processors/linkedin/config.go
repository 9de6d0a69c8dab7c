package linkedin

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
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
	DefaultTimeout        = apihttp.DefaultTimeout
	DefaultMatchThreshold = apihttp.DefaultMatchThreshold
)

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		apihttp.CheckCredential(c.AccessToken, "linkedin access token is required: set LEADGEN_LINKEDIN_ACCESS_TOKEN or LEADGEN_LINKEDIN_ACCESS_TOKEN_FILE"),
		apihttp.CheckBaseURL(ProviderName, c.BaseURL),
		c.checkVersion(),
		c.common().Check(),
	)
}

// setDefaults fills the settings left zero.
func (c *Config) setDefaults() {
	c.common().SetDefaults(DefaultBaseURL)
	c.Version = cmp.Or(c.Version, DefaultVersion)
}

// common are the settings LinkedIn shares with the other APIs.
func (c *Config) common() apihttp.Common {
	return apihttp.Common{Provider: ProviderName, BaseURL: &c.BaseURL, Timeout: &c.Timeout,
		MatchThreshold: &c.MatchThreshold, CostPerCall: &c.CostPerCall, HTTPClient: &c.HTTPClient}
}

// versionForm is the form of a LinkedIn-Version, YYYYMM.
var versionForm = regexp.MustCompile(`^20[0-9]{2}(0[1-9]|1[0-2])$`)

// checkVersion reports a version not of the form the API takes.
func (c Config) checkVersion() error {
	if !versionForm.MatchString(c.Version) {
		return fmt.Errorf("linkedin version %q must be YYYYMM", c.Version)
	}
	return nil
}
