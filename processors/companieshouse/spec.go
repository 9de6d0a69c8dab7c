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
		if b, ok := c.Options.(Bulk); ok {
			cfg.Bulk = b
		}
		return apihttp.NewPriced(c, cfg, New)
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

// ByNumber starts the result of a provider that reads one company's
// endpoint by number and never searches by name: NOT_FOUND, primary, no
// people; and the request's company number, trimmed and upper case. ok is
// false when the request has none; the result's note then says what
// could not be read (what, e.g. "insolvency cases"). Such a result makes
// no call, so it never replaces an answer in a lead.
func ByNumber(req *schemas.CompanyRequest, what string) (res *schemas.DiscoveryResult, number string, ok bool) {
	res = &schemas.DiscoveryResult{Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary, Executives: []schemas.Executive{}}
	if req.CompanyNumber == nil || strings.TrimSpace(*req.CompanyNumber) == "" {
		res.Notes = []string{"no company number in the request: " + what + " are read by company number"}
		return res, "", false
	}
	return res, strings.ToUpper(strings.TrimSpace(*req.CompanyNumber)), true
}
