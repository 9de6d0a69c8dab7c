package website

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// againstSandbox returns a client of a fresh sandbox whose websites have
// faults f.
func againstSandbox(t *testing.T, f sandbox.Faults) *Client {
	t.Helper()
	base := providertest.Sandbox(t, sandbox.ProviderWebsite, f) + sandbox.WebsitePrefix
	c, err := New(Config{SandboxURL: base, Timeout: providertest.CallTimeout(f, DefaultTimeout)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEverySandboxSiteGivesItsOfficers(t *testing.T) {
	c := againstSandbox(t, sandbox.Faults{})
	for _, co := range sandbox.Companies() {
		res, err := c.Lookup(context.Background(), request(co.Name, co.Domain))
		if err != nil {
			t.Fatalf("%s: %v", co.Domain, err)
		}
		named := sandbox.SiteNamesPeople(co)
		if (res.Status == schemas.StatusOK) != named {
			t.Fatalf("%s: status %s, want found %v", co.Domain, res.Status, named)
		}
		if !named {
			continue
		}
		if res.Company == nil || res.Company.Name != sandbox.DisplayName(co) || res.Confidence != 1 {
			t.Fatalf("%s: company %+v, confidence %g; want %s at confidence 1", co.Domain, res.Company, res.Confidence, sandbox.DisplayName(co))
		}
		wantOfficers(t, co, res.Executives)
	}
}

// wantOfficers checks that the site's people are the company's individual
// officers, every current one among them, by first name and surname (a
// site writes "John R. Smith" for "SMITH, John Robert").
func wantOfficers(t *testing.T, co sandbox.Company, execs []schemas.Executive) {
	t.Helper()
	officers, current := map[string]bool{}, map[string]bool{}
	for _, o := range co.Officers {
		if !strings.HasPrefix(o.Role, "corporate-") {
			officers[firstLast(o.Name)] = true
			current[firstLast(o.Name)] = current[firstLast(o.Name)] || o.ResignedOn == ""
		}
	}
	seen := map[string]bool{}
	for _, e := range execs {
		k := firstLast(e.Name)
		if !officers[k] || e.Role == "" || !strings.HasPrefix(deref(e.SourceRef), "https://") {
			t.Fatalf("%s: executive %+v is not an officer with a role and a page", co.Domain, e)
		}
		seen[k] = true
	}
	for k, isCurrent := range current {
		if isCurrent && !seen[k] {
			t.Fatalf("%s: officer %q is missing from %q", co.Domain, k, names(execs))
		}
	}
}

func firstLast(name string) string {
	w := strings.Fields(people.Normalize(name))
	if len(w) == 0 {
		return ""
	}
	return w[0] + " " + w[len(w)-1]
}

func TestSandboxFaultsAreClassified(t *testing.T) {
	tests := []struct {
		name   string
		faults sandbox.Faults
		class  failure.Class
	}{
		{"an injected 503 is transient", sandbox.Faults{Status5xx: 1}, failure.Transient},
		{"an injected 429 is rate limited", sandbox.Faults{RateLimited: 1}, failure.RateLimited},
		{"a site refusing readers is permanent", sandbox.Faults{Unauthorized: 1}, failure.Permanent},
		{"a site that never answers is transient", sandbox.Faults{Timeout: 1}, failure.Transient},
		{"a page that trickles past the timeout is transient", sandbox.Faults{SlowBody: 1, Latency: time.Hour}, failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := againstSandbox(t, tt.faults).Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
			wantClass(t, err, tt.class)
		})
	}
}

func TestATruncatedPageIsReadAsFarAsItGoes(t *testing.T) {
	res, err := againstSandbox(t, sandbox.Faults{Malformed: 1}).Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
	if err != nil || res == nil {
		t.Fatalf("Lookup = %v, %v; want a result, whatever the cut page still said", res, err)
	}
}
