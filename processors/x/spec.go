package x

import (
	"errors"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/processors/provider"
)

// Spec describes the X provider to the registry.
var Spec = provider.Spec{
	Name:        ProviderName,
	Credential:  "_BEARER_TOKEN",
	SandboxPath: "/x",
	Quota: provider.Quota{Calls: 300, Period: 15 * time.Minute,
		Source: "users/by, the lowest limit of the v2 endpoints leadgen calls, per app (x-rate-limit-* headers)"},
	ReadQuota: QuotaReading,
	CostPerCall: provider.Cost{USD: DefaultCostPerUserRead,
		Source: "X API pay-per-use price: $0.010 per user read ($0.005 per post read)"},
	Timeout:  apihttp.DefaultTimeout,
	Evidence: provider.Evidence{Weight: 0.5, Kind: provider.Social, Rank: 50},
	Settings: []provider.Setting{
		{Key: costPerUserRead, Default: strconv.FormatFloat(DefaultCostPerUserRead, 'f', -1, 64), Usage: "price of one user read in USD (X API pay-per-use price)"},
		{Key: costPerPostRead, Default: strconv.FormatFloat(DefaultCostPerPostRead, 'f', -1, 64), Usage: "price of one post read in USD (X API pay-per-use price)"}},
	New: func(c provider.Conn) (provider.Provider, error) {
		user, errUser := c.Float(costPerUserRead)
		post, errPost := c.Float(costPerPostRead)
		if err := errors.Join(errUser, errPost); err != nil {
			return nil, err
		}
		cfg := Config{BearerToken: c.Credential, CostPerUserRead: user, CostPerPostRead: post}
		cfg.SetConn(c)
		return New(cfg)
	},
}

// The price settings: X bills per item read, not per call.
const (
	costPerUserRead = "cost-per-user-read"
	costPerPostRead = "cost-per-post-read"
)
