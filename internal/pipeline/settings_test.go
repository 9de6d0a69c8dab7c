package pipeline

import (
	"math"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/settings"
)

// TestAProviderSettingFromTheConfigurationFileReachesTheLead prices
// Companies House calls in a configuration file: the setting goes through
// the settings source, the Spec's constructor and the client into each
// result's cost, which the lead sums.
func TestAProviderSettingFromTheConfigurationFileReachesTheLead(t *testing.T) {
	file, err := settings.Parse([]byte("providers:\n  companies_house:\n    cost-per-call: 0.25\n    timeout: 5s\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, sandbox.Config{})
	cfg := e.config("companies_house", RoleAggregator)
	if cfg.Providers, err = Providers([]string{"companies_house"}, Deps{Sandbox: &Sandbox{URL: e.sbURL},
		Settings: &settings.Source{File: file}}); err != nil {
		t.Fatal(err)
	}
	e.start(cfg)
	reqs, _ := requestsFor(1, 0) // by company number: profile, officers and PSCs, 3 calls
	e.request(reqs...)
	leads := byRequest(e.leads(e.read(names.Leads(), leadsFor(ids(reqs)))))[reqs[0].RequestID]
	lead := leads[len(leads)-1]
	if calls := lead.CostUSD / 0.25; lead.CostUSD < 0.75 || math.Abs(calls-math.Round(calls)) > 1e-9 {
		t.Fatalf("lead cost %v USD, want a whole number of calls at 0.25 each, at least 3", lead.CostUSD)
	}
}
