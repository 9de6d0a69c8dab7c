package health

import (
	"testing"
	"time"
)

func TestHealthGradesACredentialByHowLongItHasLeft(t *testing.T) {
	now := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	tests := []struct {
		name   string
		expiry Expiry
		state  string
		detail string
	}{
		{"a token of unknown lifetime is healthy and says nothing", Expiry{}, Healthy, ""},
		{"a token with 59 days left is healthy", Expiry{Token: now.Add(59 * day)}, Healthy, "token expires in 59d"},
		{"a token with 3 days left and no refresh token is degraded", Expiry{Token: now.Add(3*day + time.Hour)}, Degraded, "token expires in 3d"},
		{"a token with exactly a week left is degraded", Expiry{Token: now.Add(ExpiryWarning)}, Degraded, "token expires in 7d"},
		{"a token with 20 hours left reads in hours", Expiry{Token: now.Add(20 * time.Hour)}, Degraded, "token expires in 20h"},
		{"a lapsed token is unhealthy", Expiry{Token: now.Add(-2 * time.Hour)}, Unhealthy, "token expired 2h ago"},
		{"a token about to lapse is healthy when a refresh token renews it",
			Expiry{Token: now.Add(time.Hour), Refresh: now.Add(300 * day), Renewable: true}, Healthy,
			"token expires in 1h, renewed by a refresh token that expires in 300d"},
		{"a refresh token with 5 days left is degraded: the member must authorize again",
			Expiry{Token: now.Add(5 * day), Refresh: now.Add(5 * day), Renewable: true}, Degraded,
			"token expires in 5d, renewed by a refresh token that expires in 5d"},
		{"a refresh token of unknown lifetime is healthy", Expiry{Renewable: true}, Healthy, "renewed by a refresh token"},
		{"a refused refresh token leaves the token's own expiry to grade",
			Expiry{Token: now.Add(2 * day), Refresh: now.Add(300 * day)}, Degraded, "token expires in 2d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, detail := tt.expiry.Grade(now)
			if state != tt.state || detail != tt.detail {
				t.Fatalf("Grade = %s %q, want %s %q", state, detail, tt.state, tt.detail)
			}
		})
	}
}

func TestHealthOfAProviderIsTheWorseOfItsLookupsAndItsCredential(t *testing.T) {
	now := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	soon := Expiry{Token: now.Add(72 * time.Hour)}
	if p := (Provider{State: Healthy}).WithExpiry(soon, now); p.State != Degraded || p.Credential != "token expires in 3d" {
		t.Fatalf("healthy lookups with a token lapsing in 3 days = %+v, want DEGRADED with the expiry", p)
	}
	if p := (Provider{State: Unhealthy}).WithExpiry(soon, now); p.State != Unhealthy {
		t.Fatalf("failing lookups = %s, want UNHEALTHY whatever the token", p.State)
	}
}
