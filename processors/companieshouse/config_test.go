package companieshouse

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewValidatesTheConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"a missing key names both env vars", Config{}, "LEADGEN_COMPANIES_HOUSE_API_KEY or LEADGEN_COMPANIES_HOUSE_API_KEY_FILE"},
		{"a relative base url is refused", Config{APIKey: "k", BaseURL: "/companies-house"}, "base url"},
		{"a negative timeout is refused", Config{APIKey: "k", Timeout: -time.Second}, "timeout"},
		{"a threshold above 1 is refused", Config{APIKey: "k", MatchThreshold: 1.2}, "match threshold"},
		{"a negative cost is refused", Config{APIKey: "k", CostPerCall: -1}, "cost per call"},
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
	if c.cfg.BaseURL != DefaultBaseURL || c.cfg.Timeout != DefaultTimeout ||
		c.cfg.MatchThreshold != DefaultMatchThreshold || c.cfg.HTTPClient == nil || c.Name() != "companies_house" {
		t.Fatalf("config = %+v", c.cfg)
	}
}

func TestRateLimitReading(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		want    RateLimitStatus
	}{
		{"the REST API's Remain header is read", []string{"X-Ratelimit-Limit", "600", "X-Ratelimit-Remain", "598", "X-Ratelimit-Reset", "1750000300", "X-Ratelimit-Window", "5m"},
			RateLimitStatus{Limit: 600, Remaining: 598, Reset: time.Unix(1750000300, 0), Window: 5 * time.Minute, ObservedAt: testNow}},
		{"the document API's Remaining header is read too", []string{"X-Ratelimit-Limit", "600", "X-Ratelimit-Remaining", "12"},
			RateLimitStatus{Limit: 600, Remaining: 12, ObservedAt: testNow}},
		{"a response without quota headers reports nothing", nil, RateLimitStatus{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := fixtureRoutes(t)
			routes["/company/12345678"] = func(w http.ResponseWriter, r *http.Request) {
				for i := 0; i+1 < len(tt.headers); i += 2 {
					w.Header().Set(tt.headers[i], tt.headers[i+1])
				}
				file(t, 200, "company_profile.json")(w, r)
			}
			c := newTestClient(t, newFakeAPI(t, routes).URL, nil)
			if _, err := c.Lookup(t.Context(), byNumber("12345678")); err != nil {
				t.Fatal(err)
			}
			if got := c.RateLimit(); got != tt.want {
				t.Fatalf("RateLimit() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
