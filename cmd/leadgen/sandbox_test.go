package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/spf13/cobra"
)

// sandboxConfig parses args as the sandbox flags and returns the config
// they make.
func sandboxConfig(t *testing.T, args ...string) sandbox.Config {
	t.Helper()
	var sf sandboxFlags
	cmd := &cobra.Command{}
	sf.add(cmd)
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	cfg, err := sf.config()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestSandboxQuotaFlagsSetEachAPIsQuota(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want map[string]sandbox.Quota
	}{
		{"no flag sets no quota", nil, nil},
		{"one flag sets one API's quota", []string{"--sandbox-quota", "x=300/15m"},
			map[string]sandbox.Quota{"x": {Limit: 300, Window: 15 * time.Minute}}},
		{"the flag repeats for several APIs", []string{"--sandbox-quota", "linkedin=100/24h", "--sandbox-quota", "companies_house=60/1m"},
			map[string]sandbox.Quota{"linkedin": {Limit: 100, Window: 24 * time.Hour}, "companies_house": {Limit: 60, Window: time.Minute}}},
		{"the last flag for an API wins", []string{"--sandbox-quota", "facebook=10/1h", "--sandbox-quota", "facebook=20/1h"},
			map[string]sandbox.Quota{"facebook": {Limit: 20, Window: time.Hour}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sandboxConfig(t, tt.args...).Quotas; !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Quotas = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSandboxFaultFlagsSetCountsAndWaits(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want sandbox.Faults
	}{
		{"first_calls_rate_limited sets how many first calls of each path are refused",
			[]string{"--sandbox-fault", "x:first_calls_rate_limited=2"}, sandbox.Faults{FirstCallsRateLimited: 2}},
		{"retry_after sets the wait a refusal asks for",
			[]string{"--sandbox-fault", "x:retry_after=5s"}, sandbox.Faults{RetryAfter: 5 * time.Second}},
		{"one provider's faults accumulate over flags",
			[]string{"--sandbox-fault", "x:rate_limited=0.1", "--sandbox-fault", "x:first_calls_rate_limited=1"},
			sandbox.Faults{RateLimited: 0.1, FirstCallsRateLimited: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sandboxConfig(t, tt.args...).Faults["x"]; got != tt.want {
				t.Fatalf("faults = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTheSandboxAndTheFacebookClientAgreeOnTheAppSecret(t *testing.T) {
	for _, tt := range []struct {
		name, secret string
	}{
		{"without an app secret neither sends nor requires a proof", ""},
		{"with an app secret the sandbox requires the proof the client sends", "sandbox-app-secret"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(pipeline.FacebookAppSecretEnv, tt.secret) // empty is unset
			cfg := sandboxConfig(t)
			if cfg.FacebookAppSecret != tt.secret {
				t.Fatalf("sandbox app secret %q, want %q", cfg.FacebookAppSecret, tt.secret)
			}
			cfg.Logger = slog.New(slog.DiscardHandler)
			srv, err := sandbox.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)
			provs, err := pipeline.Providers([]string{"facebook"}, pipeline.Deps{Sandbox: &pipeline.Sandbox{URL: ts.URL}, Logger: cfg.Logger})
			if err != nil {
				t.Fatal(err)
			}
			res, err := provs["facebook"].Lookup(context.Background(), &schemas.CompanyRequest{RequestID: "r", CompanyName: "ACME WIDGETS LIMITED"})
			if err != nil || res.Company == nil {
				t.Fatalf("lookup = %+v, %v; want the Page", res, err)
			}
		})
	}
}

func TestBothTheAppSecretAndItsFileAreAUsageError(t *testing.T) {
	t.Setenv(pipeline.FacebookAppSecretEnv, "s")
	t.Setenv(pipeline.FacebookAppSecretEnv+"_FILE", "/nonexistent")
	var sf sandboxFlags
	sf.add(&cobra.Command{})
	if _, err := sf.config(); exitCode(err) != 2 {
		t.Fatalf("config = %v, want a usage error", err)
	}
}
