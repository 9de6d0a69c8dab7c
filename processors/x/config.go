package x

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
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
	DefaultCostPerUserRead = 0.010
	DefaultCostPerPostRead = 0.005
)

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		apihttp.CheckCredential(c.BearerToken, "x bearer token is required: set LEADGEN_X_BEARER_TOKEN or LEADGEN_X_BEARER_TOKEN_FILE"),
		apihttp.CheckBaseURL(ProviderName, c.BaseURL),
		c.common().Check(),
		c.checkCosts(),
	)
}

// setDefaults fills the settings left zero.
func (c *Config) setDefaults() {
	c.common().SetDefaults(DefaultBaseURL)
	c.CostPerUserRead = cmp.Or(c.CostPerUserRead, DefaultCostPerUserRead)
	c.CostPerPostRead = cmp.Or(c.CostPerPostRead, DefaultCostPerPostRead)
}

// common are the settings X shares with the other APIs; X prices user
// and post reads, not calls.
func (c *Config) common() apihttp.Common {
	return apihttp.Common{Provider: ProviderName, BaseURL: &c.BaseURL, Timeout: &c.Timeout,
		MatchThreshold: &c.MatchThreshold, HTTPClient: &c.HTTPClient}
}

// checkCosts reports a negative price of a read.
func (c Config) checkCosts() error {
	if !(c.CostPerUserRead >= 0) || !(c.CostPerPostRead >= 0) {
		return fmt.Errorf("x costs must not be negative, got %g per user and %g per post", c.CostPerUserRead, c.CostPerPostRead)
	}
	return nil
}
