package chappointments

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/processors/provider"
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

var _ provider.Provider = (*Client)(nil)

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
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.cfg.BaseURL+path, nil)
	if err != nil {
		return failure.New(failure.Permanent, fmt.Errorf("build request for %s: %w", path, err))
	}
	req.SetBasicAuth(c.cfg.APIKey, "")
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("get %s: %w", path, err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return failure.New(failure.Transient, fmt.Errorf("read %s: %w", path, err))
	}
	if fe := classify(resp, path); fe != nil {
		return fe
	}
	if err := json.Unmarshal(body, out); err != nil {
		return failure.New(failure.BadResponse, fmt.Errorf("decode %s: %w", path, err))
	}
	return nil
}

// classify decides the class of an answer that is not 200.
func classify(resp *http.Response, path string) *failure.Error {
	err := fmt.Errorf("get %s: HTTP %d", path, resp.StatusCode)
	switch code := resp.StatusCode; {
	case code == http.StatusOK:
		return nil
	case code == http.StatusNotFound:
		return failure.New(failure.NotFound, err)
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return failure.New(failure.Auth, err)
	case code == http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, err)
		if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil {
			fe.RetryAfter = time.Duration(s) * time.Second
		}
		return fe
	case code >= 500:
		return failure.New(failure.Transient, err)
	default:
		return failure.New(failure.Permanent, err)
	}
}
