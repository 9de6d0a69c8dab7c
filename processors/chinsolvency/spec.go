package chinsolvency

import (
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes the provider to the registry: the Companies House API,
// key and quota, under a name of its own.
var Spec = companieshouse.SubSpec(ProviderName, 16, func(c provider.Conn) (provider.Provider, error) {
	return New(Config{BaseURL: c.URL, APIKey: c.Credential, HTTPClient: c.HTTPClient, Timeout: c.Timeout})
})
