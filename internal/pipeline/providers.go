package pipeline

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/opencorporates"
	"github.com/leadgen/leadgen/processors/provider"
)

// Sandbox points providers at a running sandbox instead of the real APIs.
type Sandbox struct {
	// URL is the sandbox's base URL, e.g. http://127.0.0.1:8081.
	URL string
	// Client reaches the sandbox (default http.DefaultClient).
	Client *http.Client
}

// envName turns a provider name into its environment prefix:
// companies_house → LEADGEN_COMPANIES_HOUSE.
func envName(provider string) string { return "LEADGEN_" + strings.ToUpper(provider) }

// Providers builds the clients of the given provider roles from the
// environment (DESIGN §9): LEADGEN_<P>_URL overrides the base URL and the
// credential comes from LEADGEN_<P>_API_KEY or LEADGEN_<P>_API_KEY_FILE.
// With a sandbox, URLs default to it and a missing credential is fine.
func Providers(roles []string, sb *Sandbox) (map[string]provider.Provider, error) {
	out := map[string]provider.Provider{}
	for _, role := range roles {
		if role == RoleAggregator {
			continue
		}
		p, err := newProvider(role, sb)
		if err != nil {
			return nil, err
		}
		out[role] = p
	}
	return out, nil
}

func newProvider(name string, sb *Sandbox) (provider.Provider, error) {
	key, ok, err := secret.Lookup(envName(name) + "_API_KEY")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	url := os.Getenv(envName(name) + "_URL")
	var client *http.Client
	if sb != nil {
		if url == "" {
			url = sb.URL + "/" + strings.ReplaceAll(name, "_", "-")
		}
		if !ok {
			key = "sandbox-key"
		}
		client = sb.Client
	} else if !ok {
		return nil, fmt.Errorf("%s: no API key: set %s_API_KEY or %s_API_KEY_FILE, or run with --sandbox", name, envName(name), envName(name))
	}
	switch name {
	case "companies_house":
		return companieshouse.New(companieshouse.Config{BaseURL: url, APIKey: key, HTTPClient: client})
	}
	return nil, fmt.Errorf("provider %s is not implemented", name)
}

// secondaryOf names each provider's secondary source for the fallback.
var secondaryOf = map[string]string{"companies_house": "opencorporates"}

// Secondaries builds the fallback sources of the given roles from the
// environment: LEADGEN_OPENCORPORATES_URL and LEADGEN_OPENCORPORATES_API_TOKEN
// (or _FILE). Without a token (and no sandbox) the secondary is skipped and
// the fallback goes straight to the stale cache; skipped names are returned
// so the caller can say so at start-up.
func Secondaries(roles []string, sb *Sandbox) (map[string]provider.Provider, []string, error) {
	out := map[string]provider.Provider{}
	var skipped []string
	for _, role := range roles {
		name, ok := secondaryOf[role]
		if !ok {
			continue
		}
		token, found, err := secret.Lookup(envName(name) + "_API_TOKEN")
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		url := os.Getenv(envName(name) + "_URL")
		var client *http.Client
		if sb != nil {
			if url == "" {
				url = sb.URL + "/opencorporates/v0.4"
			}
			if !found {
				token, found = "sandbox-token", true
			}
			client = sb.Client
		}
		if !found {
			skipped = append(skipped, name)
			continue
		}
		c, err := opencorporates.New(opencorporates.Config{BaseURL: url, APIToken: token, HTTPClient: client})
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		out[role] = c
	}
	return out, skipped, nil
}
