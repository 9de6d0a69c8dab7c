package companieshouse

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
		{"a missing key names both env vars", Config{}, "LEADGEN_COMPANIES_HOUSE_API_KEY or LEADGEN_COMPANIES_HOUSE_API_KEY_FILE"},
		{"a relative base url is refused", Config{APIKey: "k", Settings: apihttp.Settings{BaseURL: "/companies-house"}}, "base url"},
		{"a negative timeout is refused", Config{APIKey: "k", Settings: apihttp.Settings{Timeout: -time.Second}}, "timeout"},
		{"a threshold above 1 is refused", Config{APIKey: "k", Settings: apihttp.Settings{MatchThreshold: 1.2}}, "match threshold"},
		{"a negative cost is refused", Config{APIKey: "k", Settings: apihttp.Settings{CostPerCall: -1}}, "cost per call"},
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

func TestNewFillsTheDefaults(t *testing.T) {
	c, err := New(Config{APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.BaseURL != DefaultBaseURL || c.cfg.Timeout != apihttp.DefaultTimeout ||
		c.cfg.MatchThreshold != apihttp.DefaultMatchThreshold || c.cfg.HTTPClient == nil || c.Name() != "companies_house" {
		t.Fatalf("config = %+v", c.cfg)
	}
}
