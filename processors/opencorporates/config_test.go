package opencorporates

import (
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
)

func TestNewValidatesTheConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"a missing token names both env vars", Config{}, "LEADGEN_OPENCORPORATES_API_TOKEN or LEADGEN_OPENCORPORATES_API_TOKEN_FILE"},
		{"a relative base url is refused", Config{APIToken: "k", Settings: apihttp.Settings{BaseURL: "/opencorporates"}}, "base url"},
		{"a base url with a query is refused", Config{APIToken: "k", Settings: apihttp.Settings{BaseURL: "https://api.opencorporates.com/v0.4?x=1"}}, "without a query"},
		{"a negative timeout is refused", Config{APIToken: "k", Settings: apihttp.Settings{Timeout: -time.Second}}, "timeout"},
		{"a negative cost is refused", Config{APIToken: "k", Settings: apihttp.Settings{CostPerCall: -1}}, "cost per call"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New = %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestABaseURLCarryingTheTokenIsNotQuoted(t *testing.T) {
	_, err := New(Config{APIToken: testToken, Settings: apihttp.Settings{BaseURL: "https://api.opencorporates.com/v0.4?api_token=" + testToken}})
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Fatalf("New = %v, want an error without the token", err)
	}
}

func TestNewFillsTheDefaults(t *testing.T) {
	c, err := New(Config{APIToken: "k", Settings: apihttp.Settings{BaseURL: DefaultBaseURL + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.BaseURL != DefaultBaseURL || c.cfg.Timeout != apihttp.DefaultTimeout || c.cfg.HTTPClient == nil || c.Name() != "opencorporates" {
		t.Fatalf("config = %+v, name %q", c.cfg, c.Name())
	}
}
