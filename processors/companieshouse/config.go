package companieshouse

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// Config sets up a Client.
type Config struct {
	// BaseURL is the API root; default DefaultBaseURL. Point it at a
	// sandbox with e.g. http://127.0.0.1:8081/companies-house.
	BaseURL string
	// APIKey is the REST API key (HTTP Basic user name); required.
	APIKey string
	// Timeout bounds each HTTP call, not the whole lookup; default 10s, a
	// generous bound for an API that usually answers in well under 1s.
	Timeout time.Duration
	// MatchThreshold is the lowest Jaro-Winkler similarity (0..1] of the
	// normalised requested name and a search hit's title that counts as
	// the same company; default 0.85, which accepts "Acme Widgets" for
	// "ACME WIDGETS (UK) LTD" and refuses "Zenith Widgets". Jaro-Winkler
	// favours a shared start ("Acme Wires" scores 0.93), which is why an
	// exact title, when the search lists it, always wins.
	MatchThreshold float64
	// CostPerCall is the price of one HTTP call in USD; default 0, as the
	// API is free.
	CostPerCall float64
	// HTTPClient makes the calls; default a client whose transport keeps
	// enough idle connections for hundreds of lookups in flight.
	HTTPClient *http.Client
}

// DefaultBaseURL is the Public Data API's root; the timeout and match
// threshold default to apihttp's.
const DefaultBaseURL = "https://api.company-information.service.gov.uk"

// Validate reports every setting that is missing or out of range.
func (c Config) Validate() error {
	return errors.Join(
		apihttp.CheckCredential(c.APIKey, "companies house api key is required: set LEADGEN_COMPANIES_HOUSE_API_KEY or LEADGEN_COMPANIES_HOUSE_API_KEY_FILE"),
		c.checkBaseURL(),
		c.common().Check(),
	)
}

// setDefaults fills the settings left zero.
func (c *Config) setDefaults() {
	c.common().SetDefaults(DefaultBaseURL)
}

// common are the settings Companies House shares with the other APIs.
func (c *Config) common() apihttp.Common {
	return apihttp.Common{Provider: "companies house", BaseURL: &c.BaseURL, Timeout: &c.Timeout,
		MatchThreshold: &c.MatchThreshold, CostPerCall: &c.CostPerCall, HTTPClient: &c.HTTPClient}
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
