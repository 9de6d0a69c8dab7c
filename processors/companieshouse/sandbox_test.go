package companieshouse

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// againstSandbox returns a client of a fresh sandbox and the sandbox, to
// count the calls it saw. The client keeps the real clock, as the
// sandbox's quota headers do.
func againstSandbox(t testing.TB, sb sandbox.Config, key string, tweak func(*Config)) (*Client, *sandbox.Server) {
	t.Helper()
	sb.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := sandbox.New(sb)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	cfg := Config{APIKey: key, Settings: apihttp.Settings{BaseURL: ts.URL + sandbox.CompaniesHousePrefix}}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestLookupAgainstTheSandbox(t *testing.T) {
	generated := sandbox.Companies()[20]
	tests := []struct {
		name, number string
		req          *schemas.CompanyRequest
		status       schemas.Status
	}{
		{"a generated company is found by its number", generated.Number, byNumber(generated.Number), schemas.StatusOK},
		{"a generated company is found by its exact name", generated.Number, byName(generated.Name), schemas.StatusOK},
		{"a name without its legal suffix is matched", "10000002", byName("Periwinkle Robotics"), schemas.StatusOK},
		{"a lower-case name with another suffix is matched", "SC123456", byName("zoetrope ceramics limited"), schemas.StatusOK},
		{"a Scottish number in lower case is found", "SC123456", byNumber("sc123456"), schemas.StatusOK},
		{"a name whose hits all fall below the threshold is not found", "", byName("Acme Interplanetary Shipping"), schemas.StatusNotFound},
		{"a name the registry does not know is not found", "", byName("Xylophone Quantum Brokers"), schemas.StatusNotFound},
		{"an unknown number is not found", "", byNumber("99999999"), schemas.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := againstSandbox(t, sandbox.Config{}, "sandbox-key", nil)
			res, err := c.Lookup(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.status || int64(res.APICalls) != srv.Calls("/companies-house/") {
				t.Fatalf("status %s after %d calls (sandbox saw %d), want %s", res.Status, res.APICalls, srv.Calls("/"), tt.status)
			}
			if tt.status == schemas.StatusOK && deref(res.Company.Number) != tt.number {
				t.Fatalf("found %s, want %s", deref(res.Company.Number), tt.number)
			}
		})
	}
}

func TestEverySandboxCompanyIsFoundByItsExactName(t *testing.T) {
	c, _ := againstSandbox(t, sandbox.Config{RateLimit: -1}, "sandbox-key", nil)
	for _, co := range sandbox.Companies() {
		res, err := c.Lookup(context.Background(), byName(co.Name))
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != schemas.StatusOK || deref(res.Company.Number) != co.Number {
			t.Errorf("%q resolved to %s %v, want %s", co.Name, res.Status, res.Company, co.Number)
		}
	}
}

func TestSandboxPeopleAreEveryIndividualOfficerAndPSC(t *testing.T) {
	for _, co := range sandbox.Companies()[:40] {
		c, _ := againstSandbox(t, sandbox.Config{}, "sandbox-key", nil)
		res, err := c.Lookup(context.Background(), byNumber(co.Number))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(res.Executives), individuals(co); got != want {
			t.Errorf("%s: %d executives, want %d", co.Number, got, want)
		}
		if !currentFirst(res.Executives) {
			t.Errorf("%s: a former executive precedes a current one: %q", co.Number, names(res.Executives))
		}
		if res.Confidence <= 0 || res.Confidence > 1 {
			t.Errorf("%s: confidence %g outside (0, 1]", co.Number, res.Confidence)
		}
	}
}

func individuals(co sandbox.Company) int {
	n := 0
	for _, o := range co.Officers {
		if !strings.HasPrefix(o.Role, "corporate-") {
			n++
		}
	}
	for _, p := range co.PSCs {
		if p.Kind == individualPSC {
			n++
		}
	}
	return n
}

func currentFirst(execs []schemas.Executive) bool {
	return slices.IsSortedFunc(execs, func(a, b schemas.Executive) int {
		return compareBool(a.ResignedOn != nil, b.ResignedOn != nil)
	})
}

func TestSandboxOfficersArePagedWhenPagesAreSmall(t *testing.T) {
	co := companyWithOfficers(t, 6)
	c, srv := againstSandbox(t, sandbox.Config{MaxPageSize: 2}, "sandbox-key", nil)
	res, err := c.Lookup(context.Background(), byNumber(co.Number))
	if err != nil {
		t.Fatal(err)
	}
	pages := srv.Calls("/companies-house/company/" + co.Number + "/officers")
	if want := int64((len(co.Officers) + 1) / 2); pages != want {
		t.Fatalf("%d officer pages for %d officers, want %d", pages, len(co.Officers), want)
	}
	if got, want := len(res.Executives), individuals(co); got != want {
		t.Fatalf("%d executives, want %d", got, want)
	}
}

func companyWithOfficers(t *testing.T, n int) sandbox.Company {
	t.Helper()
	for _, co := range sandbox.Companies() {
		if len(co.Officers) >= n {
			return co
		}
	}
	t.Fatalf("no sandbox company has %d officers", n)
	return sandbox.Company{}
}

func TestSandboxNameVariantsReachTheAggregatorNormalised(t *testing.T) {
	c, _ := againstSandbox(t, sandbox.Config{}, "sandbox-key", nil)
	res, err := c.Lookup(context.Background(), byNumber("10000002"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Executives {
		got = append(got, e.NormalizedName+" ("+e.Role+")")
	}
	want := []string{"arthur james pemberton holt (director)", "chiamaka okafor (director)", "hugo fforbes hamilton (secretary)",
		"arthur james pemberton holt (person-with-significant-control)", "chiamaka okafor (person-with-significant-control)",
		"catrin elin wynne jones (director)"}
	if !slices.Equal(got, want) {
		t.Fatalf("people = %q, want %q (corporate director skipped, former last)", got, want)
	}
}

func TestSandboxFailuresAreClassified(t *testing.T) {
	tests := []struct {
		name  string
		sb    sandbox.Config
		key   string
		class failure.Class
	}{
		{"the key 'invalid' is an auth failure", sandbox.Config{}, "invalid", failure.Auth},
		{"a spent quota is rate limited", sandbox.Config{RateLimit: 2}, "sandbox-key", failure.RateLimited},
		{"an error rate of 1 is transient", sandbox.Config{ErrorRate: 1}, "sandbox-key", failure.Transient},
		{"latency beyond the call timeout is transient", sandbox.Config{Latency: time.Hour}, "sandbox-key", failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timeout := 10 * time.Second
			if tt.sb.Latency > 0 { // the wait is the fault: give up soon
				timeout = 50 * time.Millisecond
			}
			c, _ := againstSandbox(t, tt.sb, tt.key, func(c *Config) { c.Timeout = timeout })
			_, err := c.Lookup(context.Background(), byNumber("12345678"))
			wantClass(t, err, tt.class)
		})
	}
}

func TestSandboxQuotaSetsRetryAfterToTheWindowReset(t *testing.T) {
	c, _ := againstSandbox(t, sandbox.Config{RateLimit: 2}, "sandbox-key", nil)
	_, err := c.Lookup(context.Background(), byNumber("12345678"))
	wantClass(t, err, failure.RateLimited)
	if ra := failure.RetryAfterOf(err); ra <= 0 || ra > sandbox.DefaultRateWindow+time.Second {
		t.Fatalf("RetryAfter = %s, want within the 5m window", ra)
	}
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	default:
		return 1
	}
}
