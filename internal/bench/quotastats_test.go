package bench

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/ratelimit"
)

// drained is a backlog of 7000 calls drained at 100 calls/s in 71.4s.
var drained = QuotaResult{Name: "quota", Quota: ratelimit.Quota{Calls: 1000, Period: 10 * time.Second},
	Requests: 2000, Leads: 2000, Complete: 2000, Calls: 7000, MostInWindow: 990, Drain: 71400 * time.Millisecond,
	CPU: 7 * time.Second, Wall: 70 * time.Second}

func TestQuotaUsedIsTheIdealDrainOverTheMeasuredOne(t *testing.T) {
	if got := drained.Ideal(); got != 70*time.Second {
		t.Errorf("ideal %s, want 70s for 7000 calls at 100/s", got)
	}
	if got := drained.Used(); got < 0.9803 || got > 0.9804 {
		t.Errorf("used %.4f, want 70/71.4 = 0.9804", got)
	}
	if got := drained.DrainRatio(); got < 1.0199 || got > 1.0201 {
		t.Errorf("drain ratio %.4f, want 1.02", got)
	}
	if got, want := drained.CallsPerLead(), 3.5; got != want {
		t.Errorf("calls per lead %g, want %g", got, want)
	}
	if got := drained.CPUPercent(); got != 10 {
		t.Errorf("cpu %.1f%%, want 10%%", got)
	}
}

func TestAnEmptyQuotaRunMeasuresNothingRatherThanDividingByZero(t *testing.T) {
	var r QuotaResult
	if r.Ideal() != 0 || r.Used() != 0 || r.DrainRatio() != 0 || r.CallsPerLead() != 0 || r.CPUPercent() != 0 {
		t.Errorf("empty run: ideal %s, used %g, ratio %g, calls/lead %g, cpu %g; want all 0",
			r.Ideal(), r.Used(), r.DrainRatio(), r.CallsPerLead(), r.CPUPercent())
	}
}

func TestQuotaViolations(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*QuotaResult)
		want string // in the error; "" for none
	}{
		{"a run within the quota with nothing dead-lettered breaks nothing", func(*QuotaResult) {}, ""},
		{"a window holding the quota exactly is within it", func(r *QuotaResult) { r.MostInWindow = 1000 }, ""},
		{"a window holding one call more is over the quota", func(r *QuotaResult) { r.MostInWindow = 1001 }, "1 above the quota"},
		{"a dead letter is a failure", func(r *QuotaResult) { r.DeadLetters = 3 }, "3 requests dead-lettered"},
		{"a lead without Companies House is a failure", func(r *QuotaResult) { r.Complete = 1999 }, "1 of 2000 leads"},
		{"using less of the quota is a measurement, not a failure", func(r *QuotaResult) { r.Drain = 2 * r.Drain }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := drained
			c.edit(&r)
			err := r.Violations()
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("violations %v, want %q", err, c.want)
			}
		})
	}
}

func TestQuotaVerdictFailsInvariantsAndMissesMeasurements(t *testing.T) {
	slow := drained
	slow.Drain, slow.MostInWindow = 80*time.Second, 1001
	got := quotaVerdict(slow)
	for _, want := range []string{"quota used 87.5% (target ≥ 98%) MISS", "over quota 1 (target 0) FAIL",
		"dead letters 0 (target 0) PASS", "drain 80.0s vs ideal 70.0s: 1.143x (target ≤ 1.05x) MISS"} {
		if !strings.Contains(got, want) {
			t.Errorf("verdict %q lacks %q", got, want)
		}
	}
	broken := drained
	broken.Err = errors.New("timed out")
	if got := quotaVerdict(broken); !strings.Contains(got, "incomplete, no verdict") {
		t.Errorf("verdict of an incomplete run %q, want no verdict", got)
	}
}

func TestHalfTheQuotaBacklogAsksByNameAndEveryCompanyBothWays(t *testing.T) {
	byNumber, byName := mixedRequest("a", 6, t0), mixedRequest("b", 7, t0)
	if byNumber.CompanyNumber == nil || byName.CompanyNumber != nil {
		t.Fatalf("request 6 number %v, request 7 number %v; want even by number, odd by name", byNumber.CompanyNumber, byName.CompanyNumber)
	}
	if byNumber.CompanyName != byName.CompanyName {
		t.Errorf("requests 6 and 7 ask for %q and %q, want the same company", byNumber.CompanyName, byName.CompanyName)
	}
}

func TestQuotaSettingsOutOfRangeAreRefused(t *testing.T) {
	for name, edit := range map[string]func(*Config){
		"two calls, all of them the limiter's burst": func(c *Config) { c.QuotaCalls = 2 },
		"a window shorter than the reset's second":   func(c *Config) { c.QuotaWindow = 500 * time.Millisecond },
		"a negative backlog":                         func(c *Config) { c.QuotaRequests = -1 },
		"an unknown scenario":                        func(c *Config) { c.Scenarios = []string{"quotas"} },
	} {
		var c Config
		c.Defaults()
		if err := c.Validate(); err != nil {
			t.Fatalf("defaults: %v", err)
		}
		edit(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
