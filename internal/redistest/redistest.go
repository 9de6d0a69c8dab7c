// Package redistest gives tests a real redis-server: the one REDIS_URL
// names (CI starts one), or a fresh one started for the test.
package redistest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// URL returns the address of a running redis-server for t.
func URL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return OwnURL(t)
}

// OwnURL is the address of a redis-server started for t alone, even when
// REDIS_URL names a shared one: for tests whose keys others would share.
func OwnURL(t testing.TB) string {
	t.Helper()
	port := FreePort(t)
	Start(t, "--port", port)
	return "redis://127.0.0.1:" + port + "/0"
}

// Start runs a fresh redis-server on loopback, without persistence, with
// the given extra arguments (a port, a password, TLS files), until t ends.
func Start(t testing.TB, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server not found: install it (apt-get install redis-server) or set REDIS_URL")
	}
	cmd := exec.Command(bin, append([]string{"--bind", "127.0.0.1", "--save", "", "--appendonly", "no"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitReady(t, out)
}

// Client connects to URL(t).
func Client(t testing.TB) *redis.Client {
	t.Helper()
	return ClientOf(t, URL(t))
}

// ClientOf connects to the redis-server at url until t ends.
func ClientOf(t testing.TB, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { _ = c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("redis ping: %v", err)
	}
	return c
}

// FreePort is a loopback port nothing listens on now.
func FreePort(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
}

// waitReady reads the server's log until it accepts connections.
func waitReady(t testing.TB, out interface{ Read([]byte) (int, error) }) {
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if strings.Contains(lines.Text(), "Ready to accept connections") {
			go func() {
				for lines.Scan() {
				}
			}()
			return
		}
	}
	t.Fatal("redis-server exited before it was ready")
}
