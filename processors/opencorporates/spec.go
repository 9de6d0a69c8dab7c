package opencorporates

import (
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes OpenCorporates, Companies House's secondary source, to
// the registry; it is never a role of its own.
var Spec = provider.Spec{
	Name:        SourceName,
	Credential:  "_API_TOKEN",
	SandboxPath: "/opencorporates/v0.4",
	Quota: provider.Quota{Calls: 50, Period: 24 * time.Hour,
		Source: "the free open-data plan's daily cap; paid plans are higher: set --quota from the account_status call"},
	CostPerCall:   cost,
	Settings:      []provider.Setting{provider.CostSetting(cost)},
	Timeout:       apihttp.DefaultTimeout,
	SecondaryOnly: true,
	// A mirror of the register, sometimes behind.
	Evidence: provider.Evidence{Weight: 0.8, Kind: provider.Mirror, Rank: 20},
	New: func(c provider.Conn) (provider.Provider, error) {
		return apihttp.NewPriced(c, Config{APIToken: c.Credential}, New)
	},
}

// cost is the price of a call, which depends on the plan.
var cost = provider.Cost{Source: "per plan: the plan's price over its quota (0 on the free open-data plan)"}
