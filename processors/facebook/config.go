package facebook

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
	// AppSecret is the secret of the app the token belongs to; optional.
	// When set, every call carries appsecret_proof, which Graph demands
	// of an app with "Require App Secret" on (Meta's advice) and checks
	// whenever it is sent; when empty, none is sent. The caller reads it
	// from LEADGEN_FACEBOOK_APP_SECRET or the file named by
	// LEADGEN_FACEBOOK_APP_SECRET_FILE.
	AppSecret string
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
	DefaultBaseURL = "https://graph.facebook.com"
	DefaultVersion = "v25.0"
)

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		apihttp.CheckCredential(c.AccessToken, "facebook access token is required: set LEADGEN_FACEBOOK_ACCESS_TOKEN or LEADGEN_FACEBOOK_ACCESS_TOKEN_FILE"),
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

// common are the settings Graph shares with the other APIs.
func (c *Config) common() apihttp.Common {
	return apihttp.Common{Provider: ProviderName, BaseURL: &c.BaseURL, Timeout: &c.Timeout,
		MatchThreshold: &c.MatchThreshold, CostPerCall: &c.CostPerCall, HTTPClient: &c.HTTPClient}
}

// versionForm is the form of a Graph API version, vNN.0.
var versionForm = regexp.MustCompile(`^v[0-9]{1,3}\.0$`)

// checkVersion reports a version not of the form the API takes.
func (c Config) checkVersion() error {
	if !versionForm.MatchString(c.Version) {
		return fmt.Errorf("facebook graph version %q must look like v25.0", c.Version)
	}
	return nil
}
