package registry_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/requestfile"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/settings"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
)

// names are every source the registry knows.
func names() []string {
	var out []string
	for _, s := range registry.All() {
		out = append(out, s.Name)
	}
	return out
}

func TestTheNameListsKeptLowInTheGraphAreTheRegistrysProviders(t *testing.T) {
	for _, tt := range []struct {
		list string
		got  []string
	}{
		{"topics.Providers (retry and fallback topics)", topics.Providers},
		{"requestfile.Providers (a request's providers)", requestfile.Providers},
		{"pipeline.Implemented (LEADGEN_PROVIDERS)", pipeline.Implemented},
	} {
		if !slices.Equal(tt.got, registry.Providers()) {
			t.Errorf("%s = %v, want the registry's providers %v", tt.list, tt.got, registry.Providers())
		}
	}
}

func TestEveryNameASpecGivesIsInTheRegistry(t *testing.T) {
	known := names()
	for _, s := range registry.All() {
		for _, ref := range []struct{ what, name string }{
			{"secondary", s.Secondary}, {"quota key", s.Quota.Key}, {"credential owner", s.CredentialFrom},
		} {
			if ref.name != "" && !slices.Contains(known, ref.name) {
				t.Errorf("%s: %s %q is not in the registry", s.Name, ref.what, ref.name)
			}
		}
		if s.New == nil || s.Evidence.Kind == 0 || s.CostPerCall.Source == "" {
			t.Errorf("%s: spec lacks a constructor, an evidence kind or the source of its cost", s.Name)
		}
	}
	for name := range pipeline.DefaultQuotas {
		if !slices.Contains(known, name) {
			t.Errorf("DefaultQuotas names %q, which the registry lacks", name)
		}
	}
}

func TestSourcesAreRankedOneSourceToARank(t *testing.T) {
	src := registry.Sources()
	if len(src) != len(registry.All()) {
		t.Fatalf("Sources has %d entries, want one per spec (%d)", len(src), len(registry.All()))
	}
	for i := 1; i < len(src); i++ {
		if src[i].Rank <= src[i-1].Rank {
			t.Errorf("%s and %s share or invert a rank (%d, %d)", src[i-1].Name, src[i].Name, src[i-1].Rank, src[i].Rank)
		}
	}
}

// TestTheSandboxMountsAnAPIForEverySpec builds every spec's client
// against a sandbox and asks its mount for a path no API has: the API's
// own answer, not the sandbox's bare 404, shows it is mounted there.
func TestTheSandboxMountsAnAPIForEverySpec(t *testing.T) {
	base := providertest.SandboxWith(t, sandbox.Config{})
	for _, s := range registry.All() {
		resp, err := http.Get(base + s.SandboxPath + "/no-such-route")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) == "404 page not found\n" {
			t.Errorf("%s: the sandbox mounts no API at %s", s.Name, s.SandboxPath)
		}
		p, err := s.New(conn(s, base+s.SandboxPath, "sandbox-"+s.Name))
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if p.Name() != s.Name {
			t.Errorf("%s: the client calls itself %q", s.Name, p.Name())
		}
	}
}

// conn is what the wiring gives s's New with no setting made: each of
// the Spec's settings at its default.
func conn(s provider.Spec, url, cred string) provider.Conn {
	src := &settings.Source{Getenv: func(string) string { return "" }}
	return provider.Conn{URL: url, Credential: cred, HTTPClient: http.DefaultClient, Timeout: s.Timeout,
		Setting: func(key string) string { return src.Lookup(s, key) }, Secret: func(string) (string, error) { return "", nil }}
}

// deployNames are the provider names deploy/ files give in role lists and
// LEADGEN_<PROVIDER>_* variables, whatever files exist.
var deployNames = regexp.MustCompile(`LEADGEN_([A-Z_]+?)_(?:URL|API_KEY|API_TOKEN|BEARER_TOKEN|ACCESS_TOKEN|REFRESH_TOKEN|CLIENT_ID|CLIENT_SECRET|APP_SECRET)(?:_FILE)?\b`)

// notProviders are variables of that form that name no provider: the
// watch role's stream URL, which follows the Companies House streaming API
// rather than looking companies up.
var notProviders = []string{pipeline.StreamURLEnv}

func TestDeployManifestsNameOnlyRegistryProviders(t *testing.T) {
	files, _ := filepath.Glob("../../deploy/k8s/*.yaml")
	compose, _ := filepath.Glob("../../deploy/compose/*.yaml")
	files = append(files, compose...)
	if len(files) == 0 {
		t.Fatal("no manifests under deploy/k8s or deploy/compose")
	}
	known := names()
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range deployNames.FindAllStringSubmatch(string(raw), -1) {
			if name := strings.ToLower(m[1]); !slices.Contains(known, name) && !slices.Contains(notProviders, m[0]) {
				t.Errorf("%s: %s names provider %q, which the registry lacks", filepath.Base(f), m[0], name)
			}
		}
	}
}

func TestEverySpecLooksUpARequestInTheSandbox(t *testing.T) {
	base := providertest.SandboxWith(t, sandbox.Config{})
	c := sandbox.Companies()[0]
	number := c.Number
	req := &schemas.CompanyRequest{RequestID: "r1", CompanyName: c.Name, CompanyNumber: &number}
	for _, s := range registry.All() {
		p, err := s.New(conn(s, base+s.SandboxPath, "sandbox-"+s.Name))
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if _, err := p.Lookup(context.Background(), req); err != nil {
			t.Errorf("%s: lookup of %s: %v", s.Name, c.Name, err)
		}
	}
}
