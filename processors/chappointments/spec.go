package chappointments

import (
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/provider"
)

// ProviderName is the provider's name.
const ProviderName = "companies_house_appointments"

// Spec describes the provider to the registry: the Companies House API,
// key and quota, under a name of its own.
var Spec = companieshouse.SubSpec(ProviderName, 15, func(c provider.Conn) (provider.Provider, error) {
	return New(Config{BaseURL: c.URL, APIKey: c.Credential, HTTPClient: c.HTTPClient, Timeout: c.Timeout})
})
