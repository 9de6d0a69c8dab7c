package pipeline

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/processors/companieshouse"
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
