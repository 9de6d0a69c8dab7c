package kclient_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/leadgen/leadgen/internal/tlstest"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/kclient"
)

func TestValidateRefusesAHalfSetUpConnectionInOneLine(t *testing.T) {
	p := tlstest.New(t)
	notPEM := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := kclient.Config{Brokers: []string{"127.0.0.1:9092"}}
	with := func(edit func(*kclient.Config)) kclient.Config { c := base; edit(&c); return c }
	tests := []struct {
		name string
		cfg  kclient.Config
		want string
	}{
		{"no brokers", kclient.Config{}, "no brokers"},
		{"an unknown mechanism", with(func(c *kclient.Config) {
			c.SASLMechanism, c.SASLUser, c.SASLPassword = "GSSAPI", "alice", rightPassword
		}), `sasl mechanism "GSSAPI": want SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN`},
		{"a mechanism without a password", with(func(c *kclient.Config) { c.SASLMechanism, c.SASLUser = kclient.SCRAMSHA512, "alice" }),
			"needs a user and a password: set --sasl-user and LEADGEN_SASL_PASSWORD"},
		{"a mechanism without a user", with(func(c *kclient.Config) { c.SASLMechanism, c.SASLPassword = kclient.SCRAMSHA512, rightPassword }),
			"needs a user and a password"},
		{"a user and password without a mechanism", with(func(c *kclient.Config) { c.SASLUser, c.SASLPassword = "alice", rightPassword }),
			"without a mechanism: set --sasl-mechanism"},
		{"PLAIN without TLS", with(func(c *kclient.Config) {
			c.SASLMechanism, c.SASLUser, c.SASLPassword = kclient.PLAIN, "alice", rightPassword
		}), "sends the password in clear"},
		{"a CA file that does not exist", with(func(c *kclient.Config) { c.TLSCA = filepath.Join(t.TempDir(), "missing.pem") }),
			"tls ca: open"},
		{"a CA file without a certificate", with(func(c *kclient.Config) { c.TLSCA = notPEM }), "no PEM certificate in the file"},
		{"a client certificate without its key", with(func(c *kclient.Config) { c.TLSCert = p.Cert }), "needs both a certificate file and a key file"},
		{"a client key that is not a key", with(func(c *kclient.Config) { c.TLSCert, c.TLSKey = p.Cert, p.CA }),
			"tls client certificate " + p.Cert + " with key " + p.CA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error saying %q", err, tt.want)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || strings.Contains(msg, rightPassword) {
				t.Fatalf("error %q spans lines or shows the password", msg)
			}
		})
	}
}

func TestValidateAcceptsACompleteSetUp(t *testing.T) {
	p := tlstest.New(t)
	base := kclient.Config{Brokers: []string{"127.0.0.1:9092"}}
	with := func(edit func(*kclient.Config)) kclient.Config { c := base; edit(&c); return c }
	tests := []struct {
		name string
		cfg  kclient.Config
	}{
		{"plaintext without SASL, as leadgen dev runs", base},
		{"TLS with the system roots", with(func(c *kclient.Config) { c.TLS = true })},
		{"TLS with a CA and a client certificate", with(func(c *kclient.Config) { c.TLSCA, c.TLSCert, c.TLSKey = p.CA, p.Cert, p.Key })},
		{"SCRAM in lower case without TLS", with(func(c *kclient.Config) {
			c.SASLMechanism, c.SASLUser, c.SASLPassword = "scram-sha-512", "alice", rightPassword
		})},
		{"PLAIN over TLS", with(func(c *kclient.Config) {
			c.TLSCA, c.SASLMechanism, c.SASLUser, c.SASLPassword = p.CA, kclient.PLAIN, "alice", rightPassword
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(tt.cfg.Opts()) == 0 {
				t.Fatal("no client options")
			}
		})
	}
}

func TestAPasswordNeverPrints(t *testing.T) {
	cfg := kclient.Config{Brokers: []string{"127.0.0.1:9092"}, SASLMechanism: kclient.SCRAMSHA512, SASLUser: "alice", SASLPassword: rightPassword}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "kafka", cfg, "password", cfg.SASLPassword)
	asJSON, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	forms := []string{logged.String(), string(asJSON)}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		forms = append(forms, fmt.Sprintf(verb, cfg), fmt.Sprintf(verb, cfg.SASLPassword))
	}
	for _, form := range forms {
		if strings.Contains(form, rightPassword) || strings.Contains(form, fmt.Sprintf("%x", rightPassword)) {
			t.Errorf("password printed: %s", form)
		}
	}
	if got := fmt.Sprint(kclient.Secret("")); got != "" {
		t.Errorf("an empty secret prints %q, want nothing", got)
	}
}
