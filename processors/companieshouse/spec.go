package companieshouse

import (
	"time"

	"github.com/leadgen/leadgen/processors/opencorporates"
	"github.com/leadgen/leadgen/processors/provider"
)

// Quota is the Public Data API's limit per key, shared by every provider
// that calls it with the same key (the officer appointments too).
var Quota = provider.Quota{Calls: 600, Period: 5 * time.Minute,
	Source: `developer guide, "Rate limiting": 600 calls per 5 minutes per key (X-Ratelimit-* headers)`}

// Spec describes the Companies House provider to the registry.
var Spec = provider.Spec{
	Name:        ProviderName,
	Credential:  "_API_KEY",
	SandboxPath: "/companies-house",
	Quota:       Quota,
	ReadQuota:   QuotaReading,
	CostPerCall: cost,
	Settings:    []provider.Setting{provider.CostSetting(cost)},
	Timeout:     DefaultTimeout,
	Secondary:   opencorporates.SourceName,
	Evidence:    provider.Evidence{Weight: 0.9, Kind: provider.Register, Rank: 10},
	New: func(c provider.Conn) (provider.Provider, error) {
		perCall, err := c.Float(provider.CostPerCall)
		if err != nil {
			return nil, err
		}
		return New(Config{BaseURL: c.URL, APIKey: c.Credential, HTTPClient: c.HTTPClient, Timeout: c.Timeout, CostPerCall: perCall})
	},
}

// cost is the price of a call: none.
var cost = provider.Cost{Source: "the Public Data API is free with a registered key"}
