package chinsolvency

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/schemas"
)

// ProviderName is the provider's name.
const ProviderName = "companies_house_insolvency"

// maxBody bounds an answer read: a case list is a few kilobytes.
const maxBody = 1 << 20

// Config sets up a Client.
//
// Of the shared settings, BaseURL defaults to companieshouse.DefaultBaseURL
// and CostPerCall to 0 (the Public Data API is free); MatchThreshold is
// not used, as cases are read by company number.
type Config struct {
	// APIKey is the Companies House REST API key (HTTP Basic user name);
	// required.
	APIKey string
	apihttp.Settings
}

// Client reads a company's insolvency cases. It is safe for concurrent
// use.
type Client struct {
	cfg Config
	now func() time.Time
}

// New returns a Client, or an error naming every setting that is missing
// or out of range.
func New(cfg Config) (*Client, error) {
	cfg.SetDefaults(companieshouse.DefaultBaseURL)
	err := errors.Join(
		apihttp.CheckCredential(cfg.APIKey, "companies house api key is required: set LEADGEN_COMPANIES_HOUSE_API_KEY or LEADGEN_COMPANIES_HOUSE_API_KEY_FILE"),
		apihttp.CheckBaseURL(ProviderName, cfg.BaseURL),
		cfg.Check(ProviderName),
	)
	if err != nil {
		return nil, err
	}
	return &Client{cfg: cfg, now: time.Now}, nil
}

// Name returns "companies_house_insolvency".
func (c *Client) Name() string { return ProviderName }

// Lookup reads the requested company's insolvency cases. A company with
// cases is OK, its notes naming each case and its practitioners; a
// request without a company number, or a company without a case (the
// API's 404), is NOT_FOUND. Confidence is 1 for an answer from the
// register itself, 0 when there is none.
func (c *Client) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	res, number, ok := companieshouse.ByNumber(req, "insolvency cases")
	res.Provider = ProviderName
	if !ok {
		return res, nil
	}
	var body insolvency
	res.APICalls++
	key := c.cfg.APIKey
	err := c.cfg.API(key, maxBody, apihttp.BasicAuth(key), apihttp.ClassifyStatus).Get(ctx, "/company/"+url.PathEscape(number)+"/insolvency", nil, &body)
	if failure.ClassOf(err) == failure.NotFound {
		return res, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch insolvency of %s: %w", number, err)
	}
	res.Status, res.Confidence, res.Notes = schemas.StatusOK, 1, body.notes(number)
	return res, nil
}
