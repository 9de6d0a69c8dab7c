package cache

import (
	"context"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// Fresh answers lookups from the cache while a result is younger than TTL
// (marked from_cache, no API calls, no cost) and caches every OK result
// the provider gives, with the ID of the request that paid for it. The
// same request asking again (re-delivered after a crash) gets its answer
// as first given, cost included, so its lead does not change.
type Fresh struct {
	Next  provider.Provider
	Store *Store
	TTL   time.Duration
	// Count is told "hit" or "miss" (for metrics).
	Count func(result string)
	Now   func() time.Time
}

// Name implements provider.Provider.
func (f *Fresh) Name() string { return f.Next.Name() }

// Lookup implements provider.Provider.
func (f *Fresh) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	key := Key(f.Name(), req)
	if e, ok := f.Store.Get(ctx, key); ok && f.Now().Sub(e.StoredAt) < f.TTL {
		f.Count("hit")
		res := *e.Result
		if res.RequestID != req.RequestID {
			res.FromCache, res.APICalls, res.CostUSD = true, 0, 0
		}
		return &res, nil
	}
	f.Count("miss")
	res, err := f.Next.Lookup(ctx, req)
	if err == nil && res.Status == schemas.StatusOK {
		stored := *res // the caller goes on to fill in its copy
		stored.RequestID = req.RequestID
		f.Store.Put(ctx, key, &stored, f.Now())
	}
	return res, err
}
