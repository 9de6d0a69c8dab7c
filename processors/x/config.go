package x

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// Config sets up a Client.
//
// Of the shared settings, BaseURL defaults to DefaultBaseURL (a sandbox
// serves it at e.g. http://127.0.0.1:8081/x); MatchThreshold is the
// lowest similarity of the company's and an account's names (or handles)
// that counts as the company's account without a website to confirm it;
// CostPerCall must stay 0: X bills per item read, which CostPerUserRead
// and CostPerPostRead price.
type Config struct {
	// BearerToken is the app's OAuth 2.0 bearer token; required. The
	// caller reads it from LEADGEN_X_BEARER_TOKEN or the file named by
	// LEADGEN_X_BEARER_TOKEN_FILE.
	BearerToken string
	apihttp.Settings
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
		c.CheckWith(ProviderName, c.BearerToken, "x bearer token is required: set LEADGEN_X_BEARER_TOKEN or LEADGEN_X_BEARER_TOKEN_FILE"),
		c.checkCosts(),
	)
}

// Defaults fills the settings left zero.
func (c *Config) Defaults() {
	c.SetDefaults(DefaultBaseURL)
	c.CostPerUserRead = cmp.Or(c.CostPerUserRead, DefaultCostPerUserRead)
	c.CostPerPostRead = cmp.Or(c.CostPerPostRead, DefaultCostPerPostRead)
}

// checkCosts reports a negative price of a read, and a price per call,
// which X does not charge.
func (c Config) checkCosts() error {
	if c.CostPerCall != 0 {
		return fmt.Errorf("x bills per item read, not per call: set the cost per user read and per post read, not a cost per call of %g", c.CostPerCall)
	}
	if !(c.CostPerUserRead >= 0) || !(c.CostPerPostRead >= 0) {
		return fmt.Errorf("x costs must not be negative, got %g per user and %g per post", c.CostPerUserRead, c.CostPerPostRead)
	}
	return nil
}
