// Package kclient builds franz-go clients with leadgen's connection and
// producer settings, so every role talks to Kafka the same way: the same
// brokers, the same TLS and SASL, the same producer defaults.
package kclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Config is how to reach the cluster. The zero value of every security
// field means off: plaintext, no authentication, as the embedded broker of
// `leadgen dev` speaks.
type Config struct {
	// Brokers are the seed brokers, host:port.
	Brokers []string
	// ClientID names the process in broker logs and quotas.
	ClientID string

	// TLS turns on TLS with the system's root certificates. Any other TLS
	// field turns it on too, so it is only needed for a cluster whose
	// certificate a public CA signed.
	TLS bool
	// TLSCA is a PEM file of the CA certificates that signed the brokers'
	// certificates; set it for a private CA. The system roots are not
	// consulted when it is set.
	TLSCA string
	// TLSCert and TLSKey are PEM files of a client certificate and its key,
	// for clusters that authenticate clients by certificate (mTLS). Both or
	// neither.
	TLSCert string
	TLSKey  string
	// TLSServerName is the name the brokers' certificates must carry when
	// it is not the host name dialled, e.g. behind a load balancer.
	TLSServerName string
	// TLSInsecureSkipVerify accepts any broker certificate. It is for
	// experiments only: it lets anyone between leadgen and the cluster read
	// and change every record, and learn the SASL password of PLAIN.
	TLSInsecureSkipVerify bool

	// SASLMechanism is SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (any case);
	// empty means no SASL.
	SASLMechanism string
	// SASLUser and SASLPassword are the SASL credentials; both are
	// required with a mechanism.
	SASLUser     string
	SASLPassword Secret
}

// ParseBrokers splits a comma-separated broker list.
func ParseBrokers(s string) []string {
	var out []string
	for _, b := range strings.Split(s, ",") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// Validate reports the first problem with c in one line: a missing or
// malformed broker list, an unknown SASL mechanism, credentials without
// their other half, or a TLS file that cannot be read or parsed. It reads
// the TLS files, so a bad path fails at start-up rather than at the first
// connection.
func (c Config) Validate() error {
	if len(c.Brokers) == 0 {
		return errors.New("no brokers: set --brokers or LEADGEN_BROKERS (host:port,...)")
	}
	for _, b := range c.Brokers {
		if !strings.Contains(b, ":") {
			return fmt.Errorf("broker %q: want host:port", b)
		}
	}
	if err := c.validateSASL(); err != nil {
		return err
	}
	_, err := c.tlsConfig()
	return err
}

// Opts returns the connection options plus leadgen's producer defaults:
// acks from all in-sync replicas and idempotent writes (franz-go's
// defaults, stated here so nobody weakens them by accident), and a short
// linger so concurrent handlers share batches.
//
// Opts cannot return an error, so a TLS file that became unreadable after
// Validate makes every dial fail with that file's error instead.
func (c Config) Opts() []kgo.Opt {
	id := c.ClientID
	if id == "" {
		id = "leadgen"
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(c.Brokers...),
		kgo.ClientID(id),
		kgo.RequiredAcks(kgo.AllISRAcks()),
		kgo.ProducerLinger(2 * time.Millisecond),
		// No codec at all means no compression. (Naming NoCompression
		// would share a slice kgo rewrites in place on every NewClient:
		// a data race when clients are built from these options at once.)
		kgo.ProducerBatchCompression(),
	}
	return append(opts, c.securityOpts()...)
}

// securityOpts are the TLS and SASL options of c.
func (c Config) securityOpts() []kgo.Opt {
	var opts []kgo.Opt
	switch tc, err := c.tlsConfig(); {
	case err != nil:
		opts = append(opts, kgo.Dialer(failDial(err)))
	case tc != nil:
		opts = append(opts, kgo.DialTLSConfig(tc))
	}
	if m := c.saslMechanism(); m != nil {
		w := newAuthWatch(m, c.SASLUser)
		opts = append(opts, kgo.SASL(w), kgo.WithHooks(w))
	}
	return opts
}

// failDial is a dialer that always fails with err.
func failDial(err error) func(context.Context, string, string) (net.Conn, error) {
	return func(context.Context, string, string) (net.Conn, error) { return nil, err }
}

// New validates c and returns a client with its options plus extra.
func New(c Config, extra ...kgo.Opt) (*kgo.Client, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cl, err := kgo.NewClient(append(c.Opts(), extra...)...)
	if err != nil {
		return nil, fmt.Errorf("kafka client: %w", err)
	}
	return cl, nil
}
