package website

import (
	"fmt"

	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes the website provider to the registry. It needs no
// credential and makes its own guarded HTTP client from the operator's
// Config (provider.Conn.Options); its URL is only ever a sandbox's.
var Spec = provider.Spec{
	Name:        ProviderName,
	SandboxPath: "/website",
	CostPerCall: cost,
	Settings:    []provider.Setting{provider.CostSetting(cost)},
	Timeout:     DefaultTimeout,
	Evidence:    provider.Evidence{Weight: 0.6, Kind: provider.Web, Rank: 30},
	OwnClient:   true,
	New: func(c provider.Conn) (provider.Provider, error) {
		var cfg Config
		if c.Options != nil {
			o, ok := c.Options.(Config)
			if !ok {
				return nil, fmt.Errorf("website options: want website.Config, got %T", c.Options)
			}
			cfg = o
		}
		cfg.SandboxURL = c.URL
		perCall, err := c.Float(provider.CostPerCall)
		if err != nil {
			return nil, err
		}
		cfg.Timeout, cfg.CostPerCall = c.Timeout, perCall
		return New(cfg)
	},
}

// cost is the price of reading a page: none.
var cost = provider.Cost{Source: "reading a public site costs only bandwidth"}
