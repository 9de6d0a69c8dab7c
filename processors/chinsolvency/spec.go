package chinsolvency

import (
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes the provider to the registry: the Companies House API,
// key and quota, under a name of its own.
var Spec = provider.Spec{
	Name:           ProviderName,
	Credential:     companieshouse.Spec.Credential,
	CredentialFrom: companieshouse.ProviderName,
	SandboxPath:    companieshouse.Spec.SandboxPath,
	Quota:          provider.Quota{Calls: companieshouse.Quota.Calls, Period: companieshouse.Quota.Period, Key: companieshouse.ProviderName, Source: companieshouse.Quota.Source},
	ReadQuota:      companieshouse.QuotaReading,
	CostPerCall:    companieshouse.Spec.CostPerCall,
	Timeout:        companieshouse.DefaultTimeout,
	OptIn:          true,
	Evidence:       provider.Evidence{Weight: companieshouse.Spec.Evidence.Weight, Kind: provider.Detail, Rank: 16},
	New: func(c provider.Conn) (provider.Provider, error) {
		return New(Config{BaseURL: c.URL, APIKey: c.Credential, HTTPClient: c.HTTPClient, Timeout: c.Timeout})
	},
}
