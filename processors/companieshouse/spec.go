package companieshouse

import (
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/processors/opencorporates"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
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
	Timeout:     apihttp.DefaultTimeout,
	Secondary:   opencorporates.SourceName,
	Evidence:    provider.Evidence{Weight: 0.9, Kind: provider.Register, Rank: 10},
	New: func(c provider.Conn) (provider.Provider, error) {
		cfg := Config{APIKey: c.Credential}
		if err := cfg.SetConnPriced(c); err != nil {
			return nil, err
		}
		return New(cfg)
	},
}

// cost is the price of a call: none.
var cost = provider.Cost{Source: "the Public Data API is free with a registered key"}

// SubSpec is the Spec of an opt-in provider that reads one more endpoint
// of the Public Data API with the companies_house key, under a name of
// its own: the key, sandbox, quota (one limiter for every provider on
// the key), price and timeout are companies_house's, its findings are
// detail at rank, and newClient builds it from the key.
func SubSpec(name string, rank int, newClient func(provider.Conn) (provider.Provider, error)) provider.Spec {
	return provider.Spec{
		Name: name, Credential: Spec.Credential, CredentialFrom: ProviderName, SandboxPath: Spec.SandboxPath,
		Quota:     provider.Quota{Calls: Quota.Calls, Period: Quota.Period, Key: ProviderName, Source: Quota.Source},
		ReadQuota: QuotaReading, CostPerCall: Spec.CostPerCall, Timeout: apihttp.DefaultTimeout, OptIn: true,
		Evidence: provider.Evidence{Weight: Spec.Evidence.Weight, Kind: provider.Detail, Rank: rank},
		New:      newClient,
	}
}

// RequestedNumber is the request's company number, trimmed and upper
// case, for a provider that reads one company's endpoint by number and
// never searches by name; ok is false when the request has none.
func RequestedNumber(req *schemas.CompanyRequest) (number string, ok bool) {
	if req.CompanyNumber == nil || strings.TrimSpace(*req.CompanyNumber) == "" {
		return "", false
	}
	return strings.ToUpper(strings.TrimSpace(*req.CompanyNumber)), true
}
