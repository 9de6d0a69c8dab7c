package opencorporates

import (
	"errors"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
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

// DefaultBaseURL is the API's root with its version; the timeout
// defaults to apihttp's.
const DefaultBaseURL = "https://api.opencorporates.com/v0.4"

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		apihttp.CheckCredential(c.APIToken, "opencorporates api token is required: set LEADGEN_OPENCORPORATES_API_TOKEN or LEADGEN_OPENCORPORATES_API_TOKEN_FILE"),
		apihttp.CheckBaseURL(SourceName, c.BaseURL),
		c.common().Check(),
	)
}

// setDefaults fills the settings left zero.
func (c *Config) setDefaults() {
	c.common().SetDefaults(DefaultBaseURL)
}

// common are the settings OpenCorporates shares with the other APIs; it
// has no match threshold, as it matches names by its own rules.
func (c *Config) common() apihttp.Common {
	return apihttp.Common{Provider: SourceName, BaseURL: &c.BaseURL, Timeout: &c.Timeout,
		CostPerCall: &c.CostPerCall, HTTPClient: &c.HTTPClient}
}
