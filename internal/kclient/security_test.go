package kclient_test

import (
	"context"
	"errors"
	"github.com/leadgen/leadgen/internal/tlstest"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// rightPassword and wrongPassword are distinctive so a leak into an error
// is easy to spot.
const (
	rightPassword = "right-3c9f0a7e-password"
	wrongPassword = "wrong-8d2b41f6-password"
)

// secureBroker starts an embedded broker speaking only TLS, with the
// certificate of p, and with SCRAM user alice.
func secureBroker(t *testing.T, p tlstest.PKI) []string {
	t.Helper()
	b, err := embedded.Start(context.Background(), embedded.Config{TLSCert: p.Cert, TLSKey: p.Key,
		SCRAMUsers: map[string]kclient.Secret{"alice": rightPassword}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b.Addrs()
}

func TestTLSAndSCRAMAgainstTheEmbeddedBroker(t *testing.T) {
	p := tlstest.New(t)
	brokers := secureBroker(t, p)
	good := kclient.Config{Brokers: brokers, TLSCA: p.CA, SASLMechanism: kclient.SCRAMSHA512, SASLUser: "alice", SASLPassword: rightPassword}
	with := func(edit func(*kclient.Config)) kclient.Config { c := good; edit(&c); return c }
	tests := []struct {
		name string
		cfg  kclient.Config
		want string // "" for a working connection, else a part of the error
	}{
		{"TLS with the CA and SCRAM-SHA-512 carry a record there and back", good, ""},
		{"SCRAM-SHA-256 for the same user works too", with(func(c *kclient.Config) { c.SASLMechanism = "scram-sha-256" }), ""},
		{"a wrong password fails saying authentication failed", with(func(c *kclient.Config) { c.SASLPassword = wrongPassword }), "authentication failed"},
		{"an unknown user fails saying authentication failed", with(func(c *kclient.Config) { c.SASLUser = "mallory" }), "authentication failed"},
		{"TLS without the CA fails on the certificate", with(func(c *kclient.Config) { c.TLSCA, c.TLS = "", true }), "certificate signed by unknown authority"},
		{"a server name the certificate lacks fails on the certificate", with(func(c *kclient.Config) { c.TLSServerName = "kafka.example" }), "not kafka.example"},
		{"a client without SASL is asked whether SASL is missing", with(func(c *kclient.Config) { c.SASLMechanism, c.SASLUser, c.SASLPassword = "", "", "" }), "is SASL missing?"},
		{"a plaintext client is asked whether TLS is missing", with(func(c *kclient.Config) { c.TLSCA = "" }), "is TLS missing?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			err := tt.cfg.Check(ctx)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("check: %v", err)
				}
				roundTrip(ctx, t, tt.cfg)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("check: %v; want an error saying %q", err, tt.want)
			}
			if msg := err.Error(); strings.Contains(msg, rightPassword) || strings.Contains(msg, wrongPassword) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q shows a password or spans lines", msg)
			}
		})
	}
}

func TestARefusedLoginIsErrAuthFailed(t *testing.T) {
	p := tlstest.New(t)
	cfg := kclient.Config{Brokers: secureBroker(t, p), TLSCA: p.CA, SASLMechanism: kclient.SCRAMSHA512, SASLUser: "alice", SASLPassword: wrongPassword}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := cfg.Check(ctx); !errors.Is(err, kclient.ErrAuthFailed) {
		t.Fatalf("check: %v; want ErrAuthFailed", err)
	}
}

// roundTrip produces one record with one client and reads it back with
// another.
func roundTrip(ctx context.Context, t *testing.T, cfg kclient.Config) {
	t.Helper()
	topic := topics.Names{}.Requests()
	value := []byte("over tls for " + t.Name())
	pc, err := kclient.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	rec := &kgo.Record{Topic: topic, Key: []byte(t.Name()), Value: value}
	if err := pc.ProduceSync(ctx, rec).FirstErr(); err != nil {
		t.Fatalf("produce: %v", err)
	}
	cc, err := kclient.New(cfg, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	for {
		fs := cc.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			t.Fatalf("consume: %v", err)
		}
		for _, r := range fs.Records() {
			if r.Partition == rec.Partition && r.Offset == rec.Offset {
				if string(r.Value) != string(value) {
					t.Fatalf("read back %q, want %q", r.Value, value)
				}
				return
			}
		}
	}
}
