package redisconn_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/redisconn"
	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/leadgen/leadgen/internal/tlsfiles"
	"github.com/leadgen/leadgen/internal/tlstest"
)

// ping connects with c and pings.
func ping(t *testing.T, c redisconn.Config) error {
	t.Helper()
	cl, err := redisconn.Connect(c)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return cl.Ping(ctx).Err()
}

func TestThePasswordComesFromTheEnvironmentOrAFile(t *testing.T) {
	port := redistest.FreePort(t)
	redistest.Start(t, "--port", port, "--requirepass", "s3cret-redis")
	url := "redis://127.0.0.1:" + port + "/0"

	t.Setenv(redisconn.PasswordEnv, "")
	if err := ping(t, redisconn.Config{URL: url}); err == nil || !strings.Contains(err.Error(), "NOAUTH") {
		t.Fatalf("without a password: %v, want NOAUTH from the server", err)
	}
	t.Setenv(redisconn.PasswordEnv, "s3cret-redis")
	if err := ping(t, redisconn.Config{URL: url}); err != nil {
		t.Fatalf("with %s: %v", redisconn.PasswordEnv, err)
	}
	if err := ping(t, redisconn.Config{URL: "redis://:other@127.0.0.1:" + port + "/0"}); err == nil ||
		!strings.Contains(err.Error(), "set twice") || strings.Contains(err.Error(), "other") {
		t.Fatalf("a password in both places: %v, want a refusal that quotes neither", err)
	}
	file := filepath.Join(t.TempDir(), "redis-password")
	if err := os.WriteFile(file, []byte("s3cret-redis\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(redisconn.PasswordEnv+"_FILE", file)
	os.Unsetenv(redisconn.PasswordEnv)
	if err := ping(t, redisconn.Config{URL: url}); err != nil {
		t.Fatalf("with %s_FILE: %v", redisconn.PasswordEnv, err)
	}
	os.Unsetenv(redisconn.PasswordEnv + "_FILE")
	t.Setenv(redisconn.PasswordEnv, "wrong")
	if err := ping(t, redisconn.Config{URL: url}); err == nil || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("a wrong password: %v, want an error without it", err)
	}
}

func TestTLSWithAPrivateCA(t *testing.T) {
	p := tlstest.New(t)
	port := redistest.FreePort(t)
	redistest.Start(t, "--port", "0", "--tls-port", port, "--tls-cert-file", p.Cert, "--tls-key-file", p.Key,
		"--tls-ca-cert-file", p.CA, "--tls-auth-clients", "no")
	t.Setenv(redisconn.PasswordEnv, "")
	for _, c := range []struct {
		name string
		cfg  redisconn.Config
		want string // "" for a working connection
	}{
		{"rediss:// with the CA", redisconn.Config{URL: "rediss://127.0.0.1:" + port + "/0", TLS: tlsfiles.Files{CA: p.CA}}, ""},
		{"redis:// with the CA turns TLS on", redisconn.Config{URL: "redis://127.0.0.1:" + port + "/0", TLS: tlsfiles.Files{CA: p.CA}}, ""},
		{"rediss:// without the CA", redisconn.Config{URL: "rediss://127.0.0.1:" + port + "/0"}, "certificate signed by unknown authority"},
		{"a missing CA file", redisconn.Config{URL: "rediss://127.0.0.1:" + port + "/0", TLS: tlsfiles.Files{CA: t.TempDir() + "/none.pem"}}, "tls ca"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ping(t, c.cfg)
			if c.want == "" && err != nil {
				t.Fatal(err)
			}
			if c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("got %v, want an error saying %q", err, c.want)
			}
		})
	}
}

func TestABadURLIsRefusedWithoutItsPassword(t *testing.T) {
	_, err := redisconn.Connect(redisconn.Config{URL: "redis://:hunter2@127.0.0.1:notaport/0"})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("got %v, want an error without the password", err)
	}
}
