package chappointments

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// The defaults.
const (
	DefaultBaseURL = "https://api.company-information.service.gov.uk"
	DefaultTimeout = 10 * time.Second
	// pageSize is the most items one officers or appointments page holds.
	pageSize = 100
	// maxBody bounds an answer read.
	maxBody = 4 << 20
)

// Config sets up a Client.
type Config struct {
	// BaseURL is the API root; default DefaultBaseURL.
	BaseURL string
	// APIKey is the Companies House REST API key (HTTP basic user).
	APIKey string
	// Timeout bounds each HTTP call; default DefaultTimeout.
	Timeout time.Duration
	// HTTPClient makes the calls; default http.DefaultClient.
	HTTPClient *http.Client
}

// Client looks up the other directorships of a company's officers.
type Client struct{ cfg Config }

// New returns a Client, or an error naming a missing setting.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("companies_house_appointments: no API key")
	}
	cfg.BaseURL = strings.TrimRight(cmp.Or(cfg.BaseURL, DefaultBaseURL), "/")
	cfg.Timeout = cmp.Or(cfg.Timeout, DefaultTimeout)
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	return &Client{cfg: cfg}, nil
}

// Name returns "companies_house_appointments".
func (c *Client) Name() string { return ProviderName }

// get reads path into out; a 404 is a not_found failure.
func (c *Client) get(ctx context.Context, path string, out any) error {
	key := c.cfg.APIKey
	api := apihttp.API{Client: c.cfg.HTTPClient, BaseURL: c.cfg.BaseURL, Secret: key, Timeout: c.cfg.Timeout,
		MaxBody: maxBody, Authorize: apihttp.BasicAuth(key), Classify: apihttp.ClassifyStatus}
	return api.Get(ctx, path, nil, out)
}
