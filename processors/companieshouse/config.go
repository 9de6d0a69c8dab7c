package companieshouse

import (
	"errors"
	"fmt"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// Config sets up a Client.
//
// Of the shared settings, BaseURL defaults to DefaultBaseURL (a sandbox
// serves it at e.g. http://127.0.0.1:8081/companies-house); the 10s
// timeout is a generous bound for an API that usually answers in well
// under 1s; CostPerCall stays 0, as the API is free. MatchThreshold is
// the Jaro-Winkler similarity of the normalised requested name and a
// search hit's title: 0.85 accepts "Acme Widgets" for "ACME WIDGETS (UK)
// LTD" and refuses "Zenith Widgets". Jaro-Winkler favours a shared start
// ("Acme Wires" scores 0.93), which is why an exact title, when the
// search lists it, always wins.
type Config struct {
	// APIKey is the REST API key (HTTP Basic user name); required.
	APIKey string
	// Bulk, if set, answers profile and PSC reads from the imported bulk
	// snapshots, so a lookup by number calls only for the officers.
	Bulk Bulk
	apihttp.Settings
}

// DefaultBaseURL is the Public Data API's root; the timeout and match
// threshold default to apihttp's.
const DefaultBaseURL = "https://api.company-information.service.gov.uk"

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		apihttp.CheckCredential(c.APIKey, "companies house api key is required: set LEADGEN_COMPANIES_HOUSE_API_KEY or LEADGEN_COMPANIES_HOUSE_API_KEY_FILE"),
		c.checkBaseURL(),
		c.Check("companies house"),
	)
}

// Defaults fills the settings left zero.
func (c *Config) Defaults() {
	c.SetDefaults(DefaultBaseURL)
}

// checkBaseURL reports a base URL that is not an absolute http(s) URL.
// Companies House keeps its own, looser rule: a query is let through and
// quoted, as the key travels in a header, not in the URL.
func (c Config) checkBaseURL() error {
	if !apihttp.IsHTTPURL(c.BaseURL) {
		return fmt.Errorf("companies house base url %q must be an absolute http(s) url", c.BaseURL)
	}
	return nil
}
