package kclient

import (
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// The SASL mechanisms leadgen speaks.
const (
	// SCRAMSHA512 is the recommended mechanism: the password never
	// crosses the wire and the broker stores only a salted hash.
	SCRAMSHA512 = "SCRAM-SHA-512"
	// SCRAMSHA256 is SCRAM with SHA-256, for clusters that only have it.
	SCRAMSHA256 = "SCRAM-SHA-256"
	// PLAIN sends the password itself, so it is allowed only over TLS.
	PLAIN = "PLAIN"
)

// PasswordEnv is the environment variable holding the SASL password; its
// _FILE form names a file holding it. There is deliberately no flag: a
// flag's value shows in ps, shell history and process listings.
const PasswordEnv = "LEADGEN_SASL_PASSWORD"

// mechanism is c's SASL mechanism in canonical upper case.
func (c Config) mechanism() string { return strings.ToUpper(strings.TrimSpace(c.SASLMechanism)) }

// validateSASL reports an unknown mechanism, a half-given credential, and
// PLAIN without TLS.
func (c Config) validateSASL() error {
	mech := c.mechanism()
	switch {
	case mech == "" && (c.SASLUser != "" || c.SASLPassword != ""):
		return fmt.Errorf("sasl user or password given without a mechanism: set --sasl-mechanism to %s, %s or %s", SCRAMSHA512, SCRAMSHA256, PLAIN)
	case mech == "":
		return nil
	case mech != SCRAMSHA512 && mech != SCRAMSHA256 && mech != PLAIN:
		return fmt.Errorf("sasl mechanism %q: want %s, %s or %s", c.SASLMechanism, SCRAMSHA512, SCRAMSHA256, PLAIN)
	case c.SASLUser == "" || c.SASLPassword == "":
		return fmt.Errorf("sasl %s needs a user and a password: set --sasl-user and %s or %s_FILE", mech, PasswordEnv, PasswordEnv)
	case mech == PLAIN && !c.tlsOn():
		return fmt.Errorf("sasl %s sends the password in clear: turn on TLS (--tls or --tls-ca) or use %s", PLAIN, SCRAMSHA512)
	}
	return nil
}

// saslMechanism is c's franz-go SASL mechanism; nil without SASL.
func (c Config) saslMechanism() sasl.Mechanism {
	user, pass := c.SASLUser, string(c.SASLPassword)
	switch c.mechanism() {
	case SCRAMSHA512:
		return scram.Auth{User: user, Pass: pass}.AsSha512Mechanism()
	case SCRAMSHA256:
		return scram.Auth{User: user, Pass: pass}.AsSha256Mechanism()
	case PLAIN:
		return plain.Auth{User: user, Pass: pass}.AsMechanism()
	}
	return nil
}
