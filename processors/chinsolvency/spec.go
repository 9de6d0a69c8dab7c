package chinsolvency

import (
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes the provider to the registry: the Companies House API,
// key and quota, under a name of its own.
var Spec = companieshouse.SubSpec(ProviderName, 16, func(c provider.Conn) (provider.Provider, error) {
	cfg := Config{APIKey: c.Credential}
	cfg.SetConn(c)
	return New(cfg)
})
