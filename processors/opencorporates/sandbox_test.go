package opencorporates

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// againstSandbox returns a client of a fresh sandbox whose OpenCorporates
// API has faults f, with providertest.CallTimeout's timeout.
func againstSandbox(t *testing.T, f sandbox.Faults, token string) *Client {
	t.Helper()
	base := providertest.Sandbox(t, sandbox.ProviderOpenCorporates, f) + sandbox.OpenCorporatesPrefix + "/v0.4"
	c, err := New(Config{APIToken: token, Settings: apihttp.Settings{BaseURL: base, Timeout: providertest.CallTimeout(f, apihttp.DefaultTimeout)}})
	if err != nil {
		t.Fatal(err)
	}
	c.now = func() time.Time { return testNow }
	return c
}

func TestLookupAgainstTheSandbox(t *testing.T) {
	generated := sandbox.Companies()[20]
	tests := []struct {
		name   string
		want   sandbox.Company
		req    *schemas.CompanyRequest
		status schemas.Status
	}{
		{"a generated company is found by its number", generated, byNumber(generated.Number), schemas.StatusOK},
		{"a generated company is found by its exact name", generated, byName(generated.Name), schemas.StatusOK},
		{"a name without its legal suffix is matched", companyNumbered(t, "10000002"), byName("Periwinkle Robotics"), schemas.StatusOK},
		{"a Scottish number in lower case is found", companyNumbered(t, "SC123456"), byNumber("sc123456"), schemas.StatusOK},
		{"a name the registry does not know is not found", sandbox.Company{}, byName("Xylophone Quantum Brokers"), schemas.StatusNotFound},
		{"an unknown number is not found", sandbox.Company{}, byNumber("99999999"), schemas.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := againstSandbox(t, sandbox.Faults{}, testToken).Lookup(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.status {
				t.Fatalf("status = %s, want %s", res.Status, tt.status)
			}
			if tt.status == schemas.StatusOK && deref(res.Company.Number) != tt.want.Number {
				t.Fatalf("company = %+v, want %s", res.Company, tt.want.Number)
			}
			got, want := normalized(res.Executives), peopleOf(tt.want)
			if !slices.Equal(got, want) || (tt.status == schemas.StatusOK && len(got) == 0) {
				t.Fatalf("people = %q, want %q", got, want)
			}
		})
	}
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
			_, err := againstSandbox(t, tt.faults, tt.token).Lookup(context.Background(), byNumber("12345678"))
			wantClass(t, err, tt.class)
		})
	}
}

func TestASpentSandboxQuotaWaitsUntilMidnightUTC(t *testing.T) {
	_, err := againstSandbox(t, sandbox.Faults{RateLimited: 1}, testToken).Lookup(context.Background(), byNumber("12345678"))
	if got := failure.RetryAfterOf(err); got != 9*time.Hour+30*time.Minute {
		t.Fatalf("RetryAfter = %s, want 9h30m until midnight UTC", got)
	}
}

func companyNumbered(t *testing.T, number string) sandbox.Company {
	t.Helper()
	for _, c := range sandbox.Companies() {
		if c.Number == number {
			return c
		}
	}
	t.Fatalf("sandbox has no company %s", number)
	return sandbox.Company{}
}

// peopleOf lists the normalised names of a sandbox company's individual
// officers, current first, as the client should report them.
func peopleOf(c sandbox.Company) []string {
	var current, former []string
	for _, o := range c.Officers {
		switch {
		case strings.HasPrefix(o.Role, "corporate-"):
		case o.ResignedOn == "":
			current = append(current, people.Normalize(o.Name))
		default:
			former = append(former, people.Normalize(o.Name))
		}
	}
	return append(current, former...)
}

func normalized(execs []schemas.Executive) []string {
	var out []string
	for _, e := range execs {
		out = append(out, e.NormalizedName)
	}
	return out
}

func TestASpentSandboxQuotaIsRateLimited(t *testing.T) {
	cfg := sandbox.Config{Quotas: map[string]sandbox.Quota{sandbox.ProviderOpenCorporates: {Limit: 1, Window: time.Hour}}}
	c, err := New(Config{APIToken: testToken, Settings: apihttp.Settings{BaseURL: providertest.SandboxWith(t, cfg) + sandbox.OpenCorporatesPrefix + "/v0.4"}})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.Lookup(context.Background(), byNumber("12345678")) // spends the quota
	_, err = c.Lookup(context.Background(), byNumber("12345678"))
	wantClass(t, err, failure.RateLimited)
}
