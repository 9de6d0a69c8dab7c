// Package schemaregistry connects leadgen to a Confluent-compatible Schema
// Registry (Confluent, Redpanda, Apicurio, Karapace) with franz-go's sr
// client: it builds the client from a Config, names each top-level
// record's subject by TopicNameStrategy ("<topic>-value", the topic with
// its prefix) and prepares a schemas.Registry for the codec. The process
// then hands that registry to schemas.Use once, at start.
//
// Credentials come from the environment (see PasswordEnv and TokenEnv)
// and never appear in errors or logs; a URL carrying them is refused.
package schemaregistry

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/tlsfiles"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/sr"
)

// The environment variables of the registry's credentials, each also
// readable from a file named by the variable plus _FILE.
const (
	// PasswordEnv holds the basic-auth password of Config.User.
	PasswordEnv = "LEADGEN_SCHEMA_REGISTRY_PASSWORD"
	// TokenEnv holds a bearer token, the alternative to basic auth.
	TokenEnv = "LEADGEN_SCHEMA_REGISTRY_TOKEN"
)

// Config says how to reach the registry and what to do there.
type Config struct {
	// URL is the registry's base URL, http:// or https://.
	URL string
	// Register registers leadgen's schemas at start (true in the flags'
	// default). Off, for registries where only an administrator
	// registers, each schema must already be a version of its subject.
	Register bool
	// User and Password are basic-auth credentials; Token is a bearer
	// token. One of the two, or neither.
	User     string
	Password kclient.Secret
	Token    kclient.Secret
	// TLS are the CA and client certificate files of an https registry.
	TLS tlsfiles.Files
}

// Validate reports a URL that does not parse or carries credentials, and
// credentials given half or twice. Errors never hold a credential.
func (c Config) Validate() error {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("schema registry URL: want http://host:port or https://host:port")
	}
	switch {
	case u.User != nil:
		return fmt.Errorf("schema registry URL: credentials do not belong in the URL; set --schema-registry-user and %s, or %s", PasswordEnv, TokenEnv)
	case c.User != "" && c.Password == "":
		return fmt.Errorf("schema registry user %s needs a password: set %s or %s_FILE", c.User, PasswordEnv, PasswordEnv)
	case c.User == "" && c.Password != "":
		return fmt.Errorf("%s is set but --schema-registry-user is not", PasswordEnv)
	case c.Token != "" && c.User != "":
		return fmt.Errorf("schema registry: basic auth and %s both set; use one", TokenEnv)
	}
	return nil
}

// Client returns the sr client c describes.
func (c Config) Client() (*sr.Client, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	opts := []sr.ClientOpt{sr.URLs(c.URL), sr.UserAgent("leadgen")}
	if c.TLS != (tlsfiles.Files{}) {
		tc := &tls.Config{MinVersion: tls.VersionTLS12}
		if err := c.TLS.Apply(tc); err != nil {
			return nil, fmt.Errorf("schema registry %w", err)
		}
		opts = append(opts, sr.DialTLSConfig(tc))
	}
	if c.User != "" {
		opts = append(opts, sr.BasicAuth(c.User, string(c.Password)))
	}
	if c.Token != "" {
		opts = append(opts, sr.BearerToken(string(c.Token)))
	}
	cl, err := sr.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("schema registry client: %w", err)
	}
	return cl, nil
}

// Connect builds the client, prepares the subjects of the top-level
// records the process writes (writes: "CompanyRequest", "DiscoveryResult",
// "EnrichedLead"; see schemas.Registry.Prepare) and returns the registry
// for schemas.Use. A process that only reads writes nothing to the
// registry: it needs read access only.
func Connect(ctx context.Context, c Config, names topics.Names, writes ...string) (*schemas.Registry, error) {
	cl, err := c.Client()
	if err != nil {
		return nil, err
	}
	reg := schemas.NewRegistry(cl)
	subjects := Subjects(names)
	maps.DeleteFunc(subjects, func(record, _ string) bool { return !slices.Contains(writes, record) })
	if err := reg.Prepare(ctx, subjects, c.Register); err != nil {
		return nil, fmt.Errorf("%w (registry %s)", err, c.URL)
	}
	return reg, nil
}

// The top-level records, by the names Connect's writes take.
const (
	CompanyRequest  = "CompanyRequest"
	DiscoveryResult = "DiscoveryResult"
	EnrichedLead    = "EnrichedLead"
	LeadChange      = "LeadChange"
	// CompaniesHouseEvent and WatchEntry are written by the watch role
	// and leadgen watch.
	CompaniesHouseEvent = "CompaniesHouseEvent"
	WatchEntry          = "WatchEntry"
)

// Records are the top-level records of the request pipeline: what a
// process that writes them all (leadgen run, dev) prepares.
var Records = []string{CompanyRequest, DiscoveryResult, EnrichedLead, LeadChange}

// WatchRecords are the records the watch role writes, prepared only by a
// process that runs it, so a registry where only an administrator
// registers schemas needs their subjects only once the role is used.
var WatchRecords = []string{CompaniesHouseEvent, WatchEntry}

// Subjects names the subject of each top-level record by
// TopicNameStrategy: the value subject of the topic it is written to.
func Subjects(names topics.Names) map[string]string {
	return map[string]string{
		CompanyRequest:  Subject(names.Requests()),
		DiscoveryResult: Subject(names.Results()),
		EnrichedLead:    Subject(names.Leads()),
		LeadChange:      Subject(names.LeadChanges()),

		CompaniesHouseEvent: Subject(names.CompaniesHouseEvents()),
		WatchEntry:          Subject(names.Watchlist()),
	}
}

// Subject is topic's value subject by TopicNameStrategy.
func Subject(topic string) string { return topic + "-value" }
