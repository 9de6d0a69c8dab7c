package linkedin

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// Config sets up a Client.
//
// The credential is a member's token, not the app's: organization lookup
// is protected by 3-legged OAuth and needs the rw_organization_admin
// permission, which the app gets by adding the Community Management API
// product (see the package doc). Either AccessToken or RefreshToken (with
// ClientID and ClientSecret) is required; with both, AccessToken is used
// until it is due for renewal.
//
// Of the shared settings, BaseURL is the API host, without /rest;
// default DefaultBaseURL (a sandbox serves it at e.g.
// http://127.0.0.1:8081/linkedin). MatchThreshold compares the company's
// and the page's names where no website confirms the page. CostPerCall
// stays 0, as the API charges nothing and limits calls per day instead.
// HTTPClient makes token renewals too.
type Config struct {
	// AccessToken is a member's 3-legged OAuth 2.0 access token granting
	// rw_organization_admin. LinkedIn issues it for 60 days. The caller
	// reads it from LEADGEN_LINKEDIN_ACCESS_TOKEN or the file named by
	// LEADGEN_LINKEDIN_ACCESS_TOKEN_FILE.
	AccessToken string
	// AccessTokenExpiresAt is when AccessToken lapses
	// (LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT, RFC 3339); zero when unknown.
	// It is reported in health, and a token near it is renewed first
	// when a refresh token is set.
	AccessTokenExpiresAt time.Time
	// RefreshToken renews the access token through LinkedIn's
	// programmatic refresh (LEADGEN_LINKEDIN_REFRESH_TOKEN[_FILE]). It
	// lasts 365 days from the member's authorization, however often it
	// is used; then the member must authorize the app again.
	RefreshToken string
	// ClientID and ClientSecret are the app's, from the Developer
	// Portal's Auth tab (LEADGEN_LINKEDIN_CLIENT_ID,
	// LEADGEN_LINKEDIN_CLIENT_SECRET[_FILE]); required with RefreshToken.
	ClientID     string
	ClientSecret string
	// OAuthURL is the host of LinkedIn's OAuth endpoints, without
	// /oauth/v2; default DefaultOAuthURL. Point it at a sandbox with e.g.
	// http://127.0.0.1:8081/linkedin.
	OAuthURL string
	// Version is the LinkedIn-Version header, YYYYMM
	// (LEADGEN_LINKEDIN_VERSION); default DefaultVersion. LinkedIn
	// releases a version monthly and supports each for at least a year;
	// a sunset one is refused with 426 NONEXISTENT_VERSION, so raise it
	// at least yearly.
	Version string
	apihttp.Settings
}

// The defaults. DefaultVersion is the latest LinkedIn-Version when it was
// last raised (July 2026; supported until at least July 2027).
const (
	DefaultBaseURL  = "https://api.linkedin.com"
	DefaultOAuthURL = "https://www.linkedin.com"
	DefaultVersion  = "202607"
)

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		c.checkCredentials(),
		apihttp.CheckBaseURL(ProviderName, c.BaseURL),
		apihttp.CheckBaseURL("linkedin oauth", c.OAuthURL),
		c.checkVersion(),
		c.Check(ProviderName),
	)
}

// checkCredentials reports a missing token, and a refresh token without
// the app's client id and secret it is exchanged with.
func (c Config) checkCredentials() error {
	if strings.TrimSpace(c.RefreshToken) == "" {
		return apihttp.CheckCredential(c.AccessToken, "linkedin access token is required: set LEADGEN_LINKEDIN_ACCESS_TOKEN "+
			"or LEADGEN_LINKEDIN_ACCESS_TOKEN_FILE, or a refresh token (LEADGEN_LINKEDIN_REFRESH_TOKEN[_FILE])")
	}
	return errors.Join(
		apihttp.CheckCredential(c.ClientID, "linkedin refresh token needs the app's client id: set LEADGEN_LINKEDIN_CLIENT_ID"),
		apihttp.CheckCredential(c.ClientSecret, "linkedin refresh token needs the app's client secret: "+
			"set LEADGEN_LINKEDIN_CLIENT_SECRET or LEADGEN_LINKEDIN_CLIENT_SECRET_FILE"),
	)
}

// Defaults fills the settings left zero.
func (c *Config) Defaults() {
	c.SetDefaults(DefaultBaseURL)
	c.OAuthURL = strings.TrimRight(cmp.Or(c.OAuthURL, DefaultOAuthURL), "/")
	c.Version = cmp.Or(c.Version, DefaultVersion)
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
