package embedded

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/kclient"
)

func TestAHalfConfiguredSecurityIsRefusedAtStart(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.pem")
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"a certificate without its key", Config{TLSCert: missing}, "needs both --server-tls-cert and --server-tls-key"},
		{"certificate files that do not exist", Config{TLSCert: missing, TLSKey: missing}, "broker tls certificate " + missing},
		{"a user without a password", Config{SCRAMUsers: map[string]kclient.Secret{"alice": ""}}, `scram user "alice"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Start(context.Background(), tt.cfg)
			if err == nil {
				b.Close()
				t.Fatal("started")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

func TestABrokerWithSCRAMUsersAdmitsThemAndNobodyElse(t *testing.T) {
	ctx := context.Background()
	b, err := Start(ctx, Config{SCRAMUsers: map[string]kclient.Secret{"alice": "alice-pw", "bob": "bob-pw"}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	login := func(user, pass string) error {
		return kclient.Config{Brokers: b.Addrs(), SASLMechanism: kclient.SCRAMSHA512, SASLUser: user, SASLPassword: kclient.Secret(pass)}.Check(ctx)
	}
	if err := login("bob", "bob-pw"); err != nil {
		t.Fatalf("bob: %v", err)
	}
	if err := login("bob", "alice-pw"); err == nil {
		t.Fatal("bob got in with alice's password")
	}
	if err := (kclient.Config{Brokers: b.Addrs()}).Check(ctx); err == nil {
		t.Fatal("a client without SASL got in")
	}
}
