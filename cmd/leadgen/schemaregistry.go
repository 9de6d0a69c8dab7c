package main

import (
	"context"
	"fmt"
	"io"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/internal/tlsfiles"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// registryFlags connect a command to a Confluent-compatible Schema
// Registry and choose the framing of the values it writes. The
// credentials have no flag: they come from the environment, like the SASL
// password.
type registryFlags struct {
	url      string
	register bool
	framing  string
	user     string
	tls      tlsfiles.Files
}

// The --value-framing values.
const (
	framingAuto         = "auto"
	framingSingleObject = "single-object"
	framingConfluent    = "confluent"
)

func (r *registryFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&r.url, "schema-registry", "", "URL of a Confluent-compatible Schema Registry; values framed for it (magic 0, schema id) can then be read, and, per --value-framing, are written (empty: no registry)")
	f.BoolVar(&r.register, "schema-registry-register", true, "register leadgen's schemas at start, setting BACKWARD compatibility on their subjects; false for registries where only an administrator registers (the schemas must then be registered already)")
	f.StringVar(&r.framing, "value-framing", framingAuto, "framing of the values leadgen writes: auto (confluent with --schema-registry, else single-object), single-object or confluent; readers accept both")
	f.StringVar(&r.user, "schema-registry-user", "", "basic-auth user of the registry; the password comes from "+schemaregistry.PasswordEnv+" or "+schemaregistry.PasswordEnv+
		"_FILE (a bearer token instead from "+schemaregistry.TokenEnv+" or "+schemaregistry.TokenEnv+"_FILE)")
	f.StringVar(&r.tls.CA, "schema-registry-tls-ca", "", "PEM file of the CA certificates that signed an https registry's certificate")
	f.StringVar(&r.tls.Cert, "schema-registry-tls-cert", "", "PEM file of a client certificate, for a registry that requires one (with --schema-registry-tls-key)")
	f.StringVar(&r.tls.Key, "schema-registry-tls-key", "", "PEM file of the registry client certificate's private key")
}

// use connects to the registry the flags name, if any, prepares the
// subjects of the records writes names, and sets this process's codec to
// it (schemas.Use) with the framing the flags choose.
func (r *registryFlags) use(ctx context.Context, names topics.Names, writes ...string) error {
	framing, err := r.writeFraming()
	if err != nil {
		return err
	}
	if r.url == "" {
		return schemas.Use(nil, framing)
	}
	cfg, err := r.config()
	if err != nil {
		return err
	}
	reg, err := schemaregistry.Connect(ctx, cfg, names, writes...)
	if err != nil {
		return err
	}
	return schemas.Use(reg, framing)
}

// writeFraming is the framing --value-framing names.
func (r *registryFlags) writeFraming() (schemas.Framing, error) {
	switch r.framing {
	case framingAuto:
		if r.url != "" {
			return schemas.Confluent, nil
		}
		return schemas.SingleObject, nil
	case framingSingleObject:
		return schemas.SingleObject, nil
	case framingConfluent:
		if r.url == "" {
			return 0, usagef("--value-framing confluent needs --schema-registry")
		}
		return schemas.Confluent, nil
	}
	return 0, usagef("--value-framing %q: want auto, single-object or confluent", r.framing)
}

// config is the registry configuration, with its credentials read from
// the environment.
func (r *registryFlags) config() (schemaregistry.Config, error) {
	cfg := schemaregistry.Config{URL: r.url, Register: r.register, User: r.user, TLS: r.tls}
	pass, _, err := secret.Lookup(schemaregistry.PasswordEnv)
	if err != nil {
		return cfg, usageError{err}
	}
	token, _, err := secret.Lookup(schemaregistry.TokenEnv)
	if err != nil {
		return cfg, usageError{err}
	}
	cfg.Password, cfg.Token = kclient.Secret(pass), kclient.Secret(token)
	if err := cfg.Validate(); err != nil {
		return cfg, usageError{err}
	}
	return cfg, nil
}

// embeddedRegistry starts the in-memory registry of --schema-registry-listen
// and says where it is, as the commands do for the embedded broker.
func embeddedRegistry(w io.Writer, listen, who string) (*embedded.Registry, error) {
	reg, err := embedded.StartRegistry(listen)
	if err != nil {
		return nil, fmt.Errorf("schema registry: %w (is another one on %s? try --schema-registry-listen 127.0.0.1:0)", err, listen)
	}
	fmt.Fprintf(w, "%s: Schema Registry on %s (embedded srfake, in memory)\n", who, reg.URL())
	return reg, nil
}

// addRegistryListen adds --schema-registry-listen to dev and broker.
func addRegistryListen(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "schema-registry-listen", "", "serve an embedded in-memory Schema Registry on this address, host:port (empty: none)")
}
