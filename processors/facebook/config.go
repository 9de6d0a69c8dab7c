package facebook

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// Config sets up a Client.
//
// Of the shared settings, BaseURL is the Graph host, without the
// version; default DefaultBaseURL (a sandbox serves it at e.g.
// http://127.0.0.1:8081/facebook). MatchThreshold compares the company's
// and a Page's names. CostPerCall stays 0, as Graph charges nothing and
// limits calls by usage instead.
type Config struct {
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
	apihttp.Settings
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
		c.Check(ProviderName),
	)
}

// Defaults fills the settings left zero.
func (c *Config) Defaults() {
	c.SetDefaults(DefaultBaseURL)
	c.Version = cmp.Or(c.Version, DefaultVersion)
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
