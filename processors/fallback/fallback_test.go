package fallback

import (
	"context"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/opencorporates"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
)

// now is the fixed clock of every test: cache ages are measured from it.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// secondary is the real opencorporates client against a sandbox with
// the faults f.
func secondary(t *testing.T, f sandbox.Faults) provider.Provider {
	t.Helper()
	base := providertest.Sandbox(t, sandbox.ProviderOpenCorporates, f) + sandbox.OpenCorporatesPrefix + "/v0.4"
	c, err := opencorporates.New(opencorporates.Config{APIToken: "sandbox-opencorporates-token", Settings: apihttp.Settings{BaseURL: base}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fallbackOf is the fallback of the companies_house provider with the
// secondary sec (nil: none) over a cache holding cached, stored age ago
// (nil: an empty cache).
func fallbackOf(t *testing.T, sec provider.Provider, req *schemas.CompanyRequest, cached *schemas.DiscoveryResult, age time.Duration) *Worker {
	t.Helper()
	primary, err := companieshouse.New(companieshouse.Config{APIKey: "sandbox-companies-house-key", Settings: apihttp.Settings{BaseURL: "http://127.0.0.1:1"}})
	if err != nil {
		t.Fatal(err)
	}
	env := &worker.Env{Provider: primary, Enabled: []string{companieshouse.ProviderName}, Cache: cache.New(cache.Config{}),
		Now: func() time.Time { return now }}
	env.SetDefaults()
	if cached != nil {
		env.Cache.Put(context.Background(), cache.Key(primary.Name(), req), cached, now.Add(-age))
	}
	return &Worker{env: env, cfg: Config{Secondary: sec, MaxStale: 7 * 24 * time.Hour}}
}

func request() *schemas.CompanyRequest {
	// A generated company: the handwritten ones mirror fixtures of one API.
	c := sandbox.Companies()[20]
	return &schemas.CompanyRequest{RequestID: "r1", CompanyName: c.Name, CompanyNumber: &c.Number}
}

func TestASecondaryThatFindsTheCompanyAnswersForThePrimary(t *testing.T) {
	req := request()
	res, err := fallbackOf(t, secondary(t, sandbox.Faults{}), req, nil, 0).chain(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != schemas.StatusFallback || res.Layer != schemas.LayerSecondary || len(res.Executives) == 0 {
		t.Fatalf("status %s, layer %s, %d people; want FALLBACK from SECONDARY with people", res.Status, res.Layer, len(res.Executives))
	}
}

func TestWhenTheSecondaryFailsAFreshEnoughCacheEntryIsServedWithLoweredConfidence(t *testing.T) {
	req := request()
	cached := &schemas.DiscoveryResult{Status: schemas.StatusOK, Layer: schemas.LayerPrimary, Confidence: 0.8, APICalls: 3, CostUSD: 0.1,
		Executives: []schemas.Executive{{Name: "Jane Doe"}}}
	w := fallbackOf(t, secondary(t, sandbox.Faults{Unauthorized: 1}), req, cached, 7*24*time.Hour/2)
	res, err := w.chain(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Layer != schemas.LayerStaleCache || !res.FromCache || res.APICalls != 0 || res.CostUSD != 0 || len(res.Executives) != 1 {
		t.Fatalf("got %+v; want the cached people from STALE_CACHE, no calls or cost", res)
	}
	// Half of max-stale old: half of half the cached confidence.
	if want := 0.8 * 0.5 * 0.5; res.Confidence < want-1e-9 || res.Confidence > want+1e-9 {
		t.Errorf("confidence %g, want %g", res.Confidence, want)
	}
}

func TestWithNoLayerHoldingDataTheResultIsUnavailableAndTheErrorPermanent(t *testing.T) {
	req := request()
	old := &schemas.DiscoveryResult{Status: schemas.StatusOK, Confidence: 0.8}
	for _, tc := range []struct {
		name   string
		sec    provider.Provider
		cached *schemas.DiscoveryResult
	}{
		{"no secondary and an empty cache", nil, nil},
		{"a failing secondary and an entry past max-stale", secondary(t, sandbox.Faults{Status5xx: 1}), old},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := fallbackOf(t, tc.sec, req, tc.cached, 8*24*time.Hour).chain(context.Background(), req)
			if failure.ClassOf(err) != failure.Permanent {
				t.Fatalf("error %v, want class permanent", err)
			}
			if res.Status != schemas.StatusFallback || res.Layer != schemas.LayerNone || len(res.Executives) != 0 || res.Error == nil {
				t.Fatalf("got %+v; want FALLBACK from NONE, no people, the error said", res)
			}
		})
	}
}

func TestEachProviderHasItsOwnFallbackGroup(t *testing.T) {
	if got, want := Group("staging.", "x"), "staging.leadgen-fallback-x"; got != want {
		t.Errorf("Group = %q, want %q", got, want)
	}
}
