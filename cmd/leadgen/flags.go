package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"
)

// kafkaFlags are the connection flags every Kafka-facing command takes.
// The SASL password has no flag: it comes from LEADGEN_SASL_PASSWORD or
// LEADGEN_SASL_PASSWORD_FILE, so it never shows in ps or shell history.
type kafkaFlags struct {
	brokers string
	prefix  string
	timeout time.Duration

	tls           bool
	tlsCA         string
	tlsCert       string
	tlsKey        string
	tlsServerName string
	saslMechanism string
	saslUser      string

	registry registryFlags
	// leadsJSON turns the enriched-leads.json mirror on, for the
	// commands that take --leads-json-topic (see leadsJSONFlag).
	leadsJSON bool
}

// add adds the connection flags to cmd. writes are the top-level records
// the command writes (see schemaregistry.Connect): only their subjects are
// registered or looked up, so a command that only reads needs read access
// to the registry.
func (k *kafkaFlags) add(cmd *cobra.Command, writes ...string) {
	f := cmd.Flags()
	f.StringVar(&k.brokers, "brokers", "", "Kafka bootstrap brokers, host:port[,host:port...]")
	f.StringVar(&k.prefix, "topic-prefix", "", "prefix prepended to every topic and group name, e.g. staging.")
	f.BoolVar(&k.tls, "tls", false, "connect over TLS, trusting the system's CAs (implied by any other --tls-* flag)")
	f.StringVar(&k.tlsCA, "tls-ca", "", "PEM file of the CA certificates that signed the brokers' certificates")
	f.StringVar(&k.tlsCert, "tls-cert", "", "PEM file of a client certificate, for brokers that require one (with --tls-key)")
	f.StringVar(&k.tlsKey, "tls-key", "", "PEM file of the client certificate's private key")
	f.StringVar(&k.tlsServerName, "tls-server-name", "", "name the brokers' certificates carry, when not the host dialled")
	f.StringVar(&k.saslMechanism, "sasl-mechanism", "", "SASL mechanism: SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (PLAIN only with TLS)")
	f.StringVar(&k.saslUser, "sasl-user", "", "SASL user; the password comes from "+kclient.PasswordEnv+" or "+kclient.PasswordEnv+"_FILE")
	k.registry.add(cmd)
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		return k.registry.use(cmd.Context(), k.names(), writes...)
	}
}

// addTimeout adds --timeout, the limit of a one-shot command's Kafka work,
// so an unreachable cluster is an error, not a hang.
func (k *kafkaFlags) addTimeout(cmd *cobra.Command) {
	durationFlag(cmd, &k.timeout, "timeout", 30*time.Second, "give up if the brokers have not answered within this time")
}

// bounded limits ctx by --timeout and explains an expiry.
func (k *kafkaFlags) bounded(ctx context.Context, work func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, k.timeout)
	defer cancel()
	err := work(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer from brokers %s within %s (--timeout): %w", k.brokers, k.timeout, err)
	}
	return err
}

// config is the client configuration the flags describe, checked; the
// SASL password is read from the environment when SASL is asked for.
func (k *kafkaFlags) config(clientID string) (kclient.Config, error) {
	c := kclient.Config{Brokers: kclient.ParseBrokers(k.brokers), ClientID: clientID,
		TLS: k.tls, TLSCA: k.tlsCA, TLSCert: k.tlsCert, TLSKey: k.tlsKey, TLSServerName: k.tlsServerName,
		SASLMechanism: k.saslMechanism, SASLUser: k.saslUser}
	if k.saslMechanism != "" || k.saslUser != "" {
		pass, _, err := secret.Lookup(kclient.PasswordEnv)
		if err != nil {
			return c, usageError{err}
		}
		c.SASLPassword = kclient.Secret(pass)
	}
	if err := c.Validate(); err != nil {
		return c, usageError{err}
	}
	return c, nil
}

// client is a new client of the configuration the flags describe; the
// caller closes it.
func (k *kafkaFlags) client(clientID string) (*kgo.Client, error) {
	kc, err := k.config(clientID)
	if err != nil {
		return nil, err
	}
	return kclient.New(kc)
}

func (k *kafkaFlags) names() topics.Names {
	return topics.Names{Prefix: k.prefix, MirrorLeadsJSON: k.leadsJSON}
}

// leadsJSONFlag adds --leads-json-topic to the commands that write leads
// or create topics: run and dev (the aggregator writes the mirror),
// erase (it rewrites leads), topics and broker (they create it).
func leadsJSONFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "leads-json-topic", false, "mirror every lead as JSON (as leads --output jsonl writes it) on the compacted enriched-leads.json topic, same key, "+
		"in the same transaction as the Avro lead; give it to run, dev and erase, and to topics apply or broker to create the topic")
}

// catalogueFlags shape the topic catalogue.
type catalogueFlags struct {
	partitions   int32
	tiers        string
	erasureBound time.Duration
}

func (c *catalogueFlags) add(cmd *cobra.Command) {
	cmd.Flags().Int32Var(&c.partitions, "partitions", 6, "partitions of every leadgen topic")
	cmd.Flags().StringVar(&c.tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated")
	durationFlag(cmd, &c.erasureBound, "erasure-bound", topics.DefaultErasureBound,
		"segment.ms, max.compaction.lag.ms, delete.retention.ms and half retention.ms of topics holding personal data; erased data is gone within 3x this")
}

func (c *catalogueFlags) config(names topics.Names) (topics.Config, error) {
	tiers, err := topics.ParseTiers(c.tiers)
	if err != nil {
		return topics.Config{}, usageError{err}
	}
	if c.partitions < 1 {
		return topics.Config{}, usagef("--partitions %d: must be at least 1", c.partitions)
	}
	tc := topics.Config{Names: names, Partitions: c.partitions, Tiers: tiers, ErasureBound: c.erasureBound}
	if err := tc.Validate(); err != nil {
		return topics.Config{}, usagef("%w (--erasure-bound)", err)
	}
	return tc, nil
}

// durationFlag registers a duration flag with its default.
func durationFlag(cmd *cobra.Command, p *time.Duration, name string, def time.Duration, usage string) {
	cmd.Flags().DurationVar(p, name, def, usage)
}
