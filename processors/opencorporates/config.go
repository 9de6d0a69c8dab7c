package opencorporates

import "github.com/leadgen/leadgen/internal/apihttp"

// Config sets up a Client.
//
// Of the shared settings, BaseURL defaults to DefaultBaseURL, the API
// root with its version (a sandbox serves it at e.g.
// http://127.0.0.1:8081/opencorporates/v0.4); the 10s timeout lets an
// API that usually answers within a second but slows under load finish,
// as a fallback would rather wait than fail; MatchThreshold defaults to
// companies_house's 0.85, so the fallback accepts the names the primary
// would; CostPerCall is the plan's price over its quota, 0 on the free
// open-data plan.
type Config struct {
	// APIToken is the account's API token; required. The caller reads it
	// from LEADGEN_OPENCORPORATES_API_TOKEN or the file named by
	// LEADGEN_OPENCORPORATES_API_TOKEN_FILE.
	APIToken string
	apihttp.Settings
}

// DefaultBaseURL is the API's root with its version; the timeout and
// match threshold default to apihttp's.
const DefaultBaseURL = "https://api.opencorporates.com/v0.4"

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return c.CheckWith(SourceName, c.APIToken, "opencorporates api token is required: set LEADGEN_OPENCORPORATES_API_TOKEN or LEADGEN_OPENCORPORATES_API_TOKEN_FILE")
}

// Defaults fills the settings left zero.
func (c *Config) Defaults() {
	c.SetDefaults(DefaultBaseURL)
}
