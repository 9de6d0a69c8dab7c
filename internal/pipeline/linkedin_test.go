package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
)

// linkedinHealth runs the linkedin role against a sandbox and returns its
// provider health once registered.
func linkedinHealth(t *testing.T) health.Provider {
	t.Helper()
	e := newEnv(t, sandbox.Config{})
	roles := []string{"linkedin"}
	provs, err := Providers(roles, Deps{Sandbox: &Sandbox{URL: e.sbURL}})
	if err != nil {
		t.Fatal(err)
	}
	reg := health.New()
	e.start(Config{Kafka: kclient.Config{Brokers: e.brokers}, Roles: roles, Enabled: roles, Providers: provs,
		InstanceID: t.Name(), Logger: quiet(), Tiers: e.tiers, Health: reg, Metrics: metrics.New()})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	probe := time.NewTicker(10 * time.Millisecond) // asks /readyz's question, as a probe would
	defer probe.Stop()
	for {
		if p, ok := reg.Ready(ctx).Providers["linkedin"]; ok {
			return p
		}
		select {
		case <-ctx.Done():
			t.Fatal("the linkedin provider never reported its health")
		case <-probe.C:
		}
	}
}

func TestLinkedInHealthShowsTheTokenExpiryAndTurnsDegradedNearIt(t *testing.T) {
	in := func(d time.Duration) string { return time.Now().Add(d + time.Hour).UTC().Format(time.RFC3339) }
	day := 24 * time.Hour
	tests := []struct {
		name    string
		env     map[string]string
		state   string
		details string
	}{
		{"a token lapsing in 30 days is healthy and says so", map[string]string{"LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT": in(30 * day)},
			health.Healthy, "token expires in 30d"},
		{"a token lapsing in 3 days without a refresh token is degraded", map[string]string{"LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT": in(3 * day)},
			health.Degraded, "token expires in 3d"},
		{"a token lapsing in 3 days with a refresh token is healthy", map[string]string{"LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT": in(3 * day),
			"LEADGEN_LINKEDIN_REFRESH_TOKEN": "member-refresh", "LEADGEN_LINKEDIN_CLIENT_ID": "app", "LEADGEN_LINKEDIN_CLIENT_SECRET": "secret"},
			health.Healthy, "token expires in 3d, renewed by a refresh token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LEADGEN_LINKEDIN_ACCESS_TOKEN", "member-token")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			p := linkedinHealth(t)
			if p.State != tt.state || p.Credential != tt.details {
				t.Fatalf("health = %+v, want %s with %q", p, tt.state, tt.details)
			}
		})
	}
}

func TestALinkedInRefreshTokenAloneEnablesTheProvider(t *testing.T) {
	t.Setenv("LEADGEN_LINKEDIN_REFRESH_TOKEN", "member-refresh")
	t.Setenv("LEADGEN_LINKEDIN_CLIENT_ID", "app")
	t.Setenv("LEADGEN_LINKEDIN_CLIENT_SECRET", "secret")
	avail, disabled, err := Available([]string{"linkedin"}, Deps{})
	if err != nil || len(avail) != 1 || len(disabled) != 0 {
		t.Fatalf("Available = %v, %v, %v; want linkedin available", avail, disabled, err)
	}
}

func TestALinkedInProviderWithoutACredentialNamesBothWays(t *testing.T) {
	_, disabled, err := Available([]string{"linkedin"}, Deps{})
	if err != nil || !strings.Contains(disabled["linkedin"], "LEADGEN_LINKEDIN_ACCESS_TOKEN") ||
		!strings.Contains(disabled["linkedin"], "LEADGEN_LINKEDIN_REFRESH_TOKEN") {
		t.Fatalf("disabled = %v, %v; want the access and refresh token variables named", disabled, err)
	}
}

func TestLinkedInSettingsAreCheckedWithoutQuotingSecrets(t *testing.T) {
	const refreshToken, clientSecret = "li-sentinel-refresh-0c9b", "li-sentinel-secret-7e1a"
	secretFile := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secretFile, []byte(clientSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"a refresh token without the client id names it", map[string]string{"LEADGEN_LINKEDIN_CLIENT_SECRET_FILE": secretFile},
			"LEADGEN_LINKEDIN_CLIENT_ID"},
		{"an expiry that is not RFC 3339 names the variable", map[string]string{"LEADGEN_LINKEDIN_CLIENT_ID": "app",
			"LEADGEN_LINKEDIN_CLIENT_SECRET_FILE": secretFile, "LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT": "next tuesday"}, "LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT"},
		{"a version not of the form YYYYMM is refused", map[string]string{"LEADGEN_LINKEDIN_CLIENT_ID": "app",
			"LEADGEN_LINKEDIN_CLIENT_SECRET_FILE": secretFile, "LEADGEN_LINKEDIN_VERSION": "2026-07"}, "must be YYYYMM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LEADGEN_LINKEDIN_REFRESH_TOKEN", refreshToken)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, err := Providers([]string{"linkedin"}, Deps{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Providers = %v, want an error saying %q", err, tt.want)
			}
			if strings.Contains(err.Error(), refreshToken) || strings.Contains(err.Error(), clientSecret) {
				t.Fatalf("the error quotes a secret: %v", err)
			}
		})
	}
}
