package x

import (
	"context"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// againstSandbox returns a client of a fresh sandbox whose X API has
// faults f.
func againstSandbox(t *testing.T, f sandbox.Faults, token string) *Client {
	t.Helper()
	base := providertest.Sandbox(t, sandbox.ProviderX, f) + sandbox.XPrefix
	c, err := New(Config{BearerToken: token, Settings: apihttp.Settings{BaseURL: base, Timeout: providertest.CallTimeout(f, apihttp.DefaultTimeout)}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEveryCompanyWithAnAccountIsFoundInTheSandboxAndNoOther(t *testing.T) {
	c := againstSandbox(t, sandbox.Faults{}, testToken)
	for _, co := range sandbox.Companies() {
		res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
		if err != nil {
			t.Fatalf("%s: %v", co.Number, err)
		}
		has := sandbox.PresenceOf(co).X
		if (res.Status == schemas.StatusOK) != has {
			t.Fatalf("%s %s: status %s, want found %v", co.Number, co.Name, res.Status, has)
		}
		if has && (res.Company.Name != sandbox.DisplayName(co) || deref(res.Company.Website) != "https://www."+co.Domain+"/") {
			t.Fatalf("%s: company %+v, want %s at www.%s", co.Number, res.Company, sandbox.DisplayName(co), co.Domain)
		}
		if has && res.Confidence < 0.85 {
			t.Fatalf("%s: confidence %g for an account of the same name linking to the site", co.Number, res.Confidence)
		}
	}
}

func TestALongNameIsFoundBySearchingForItsSite(t *testing.T) {
	for _, co := range sandbox.Companies() {
		if !sandbox.PresenceOf(co).X || len(candidates(request(co.Name, co.Domain))) > 0 {
			continue
		}
		res, err := againstSandbox(t, sandbox.Faults{}, testToken).Lookup(context.Background(), request(co.Name, co.Domain))
		if err != nil || res.Status != schemas.StatusOK || res.APICalls != 1 {
			t.Fatalf("%s: %+v, %v; want the account from one search", co.Name, res, err)
		}
		return
	}
	t.Fatal("the sandbox has no account whose handle cannot be guessed")
}

func TestSandboxFaultsAreClassified(t *testing.T) {
	tests := []struct {
		name   string
		faults sandbox.Faults
		token  string
		class  failure.Class
	}{
		{"the token 'invalid' is an auth failure", sandbox.Faults{}, "invalid", failure.Auth},
		{"an injected 503 is transient", sandbox.Faults{Status5xx: 1}, testToken, failure.Transient},
		{"an injected spent quota is rate limited", sandbox.Faults{RateLimited: 1}, testToken, failure.RateLimited},
		{"an injected 401 is an auth failure", sandbox.Faults{Unauthorized: 1}, testToken, failure.Auth},
		{"an injected truncated body is a bad response", sandbox.Faults{Malformed: 1}, testToken, failure.BadResponse},
		{"a call that is never answered is transient", sandbox.Faults{Timeout: 1}, testToken, failure.Transient},
		{"a body that trickles past the call timeout is transient", sandbox.Faults{SlowBody: 1, Latency: time.Hour}, testToken, failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := againstSandbox(t, tt.faults, tt.token).Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
			wantClass(t, err, tt.class)
		})
	}
}

func TestASandboxRateLimitWaitsForTheReset(t *testing.T) {
	_, err := againstSandbox(t, sandbox.Faults{RateLimited: 1, RetryAfter: time.Hour}, testToken).
		Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	if wait := failure.RetryAfterOf(err); wait <= 0 || wait > time.Hour+time.Second {
		t.Fatalf("RetryAfter = %s, want about an hour", wait)
	}
}

func TestASpentSandboxQuotaIsRateLimited(t *testing.T) {
	cfg := sandbox.Config{Quotas: map[string]sandbox.Quota{sandbox.ProviderX: {Limit: 1, Window: time.Hour}}}
	c, err := New(Config{BearerToken: testToken, Settings: apihttp.Settings{BaseURL: providertest.SandboxWith(t, cfg) + sandbox.XPrefix}})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example")) // spends the quota
	_, err = c.Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	wantClass(t, err, failure.RateLimited)
}
