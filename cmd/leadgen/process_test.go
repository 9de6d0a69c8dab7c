package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// buildBinary compiles leadgen once for the process tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "leadgen")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startProcess runs bin with args and waits for a stdout line holding
// ready (or none when ready is empty).
func startProcess(t *testing.T, ctx context.Context, bin, ready string, args ...string) *exec.Cmd {
	t.Helper()
	cmd, _ := start(t, ctx, bin, false, ready, args...)
	return cmd
}

// startLogging runs bin and waits until its log (stderr) has a line
// holding ready; the log's later lines go to the test log.
func startLogging(t *testing.T, ctx context.Context, bin, ready string, args ...string) *exec.Cmd {
	t.Helper()
	cmd, _ := start(t, ctx, bin, true, ready, args...)
	return cmd
}

// start runs bin with args, watching its stdout, or its log (stderr) when
// watchLog is set, for a line holding ready, and returns that line. The
// watched stream is drained to the end so the process never blocks on it.
func start(t *testing.T, ctx context.Context, bin string, watchLog bool, ready string, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	var watched io.ReadCloser
	var err error
	if watchLog {
		cmd.Stdout = os.Stderr
		watched, err = cmd.StderrPipe()
	} else {
		cmd.Stderr = os.Stderr
		watched, err = cmd.StdoutPipe()
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(watched)
	found, line := ready == "", ""
	for !found && lines.Scan() {
		line = lines.Text()
		found = strings.Contains(line, ready)
	}
	if !found {
		t.Fatalf("%s exited before printing %q", args[0], ready)
	}
	go func() {
		for lines.Scan() {
			if watchLog && !strings.Contains(lines.Text(), "lead emitted") {
				t.Log(lines.Text())
			}
		}
	}()
	return cmd, line
}

// stopProcess sends SIGTERM and expects a clean exit.
func stopProcess(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s after SIGTERM: %v, want exit 0", cmd.Args[1], err)
	}
}

func TestBrokerAndRunAsSeparateProcessesTurnARequestIntoALead(t *testing.T) {
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	addr := freeAddr(t)
	broker := startProcess(t, ctx, bin, "Kafka protocol on", "broker", "--listen", addr, "--data-dir", t.TempDir())
	t.Setenv("LEADGEN_BROKERS", addr)
	run := startProcess(t, ctx, bin, "", "run", "--sandbox")

	requestAndWaitForLead(t, ctx, bin)
	stopProcess(t, run)
	stopProcess(t, broker)
}

// requestAndWaitForLead sends a request for ACME WIDGETS LIMITED with bin
// and reads leads until its lead, with its officers, is there.
func requestAndWaitForLead(t *testing.T, ctx context.Context, bin string) {
	t.Helper()
	out, err := exec.CommandContext(ctx, bin, "request", "--name", "ACME WIDGETS LIMITED").CombinedOutput()
	if err != nil {
		t.Fatalf("request: %v\n%s", err, out)
	}
	for {
		out, err := exec.CommandContext(ctx, bin, "leads", "--output", "json").Output()
		if err != nil {
			t.Fatalf("leads: %v", err)
		}
		if line, _, _ := strings.Cut(string(out), "\n"); line != "" {
			var lead struct {
				LeadKey    string            `json:"lead_key"`
				Executives []json.RawMessage `json:"executives"`
			}
			if err := json.Unmarshal([]byte(line), &lead); err != nil {
				t.Fatalf("leads --output json: %v: %s", err, line)
			}
			if lead.LeadKey != "12345678" || len(lead.Executives) == 0 {
				t.Fatalf("lead %s with %d people, want 12345678 with its officers", lead.LeadKey, len(lead.Executives))
			}
			break
		}
		if ctx.Err() != nil {
			t.Fatal("no lead appeared")
		}
	}
}

func TestBrokerWithAnEmbeddedRegistryAndRunTurnARequestIntoAConfluentFramedLead(t *testing.T) {
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	addr, registry := freeAddr(t), freeAddr(t)
	broker := startProcess(t, ctx, bin, "Schema Registry on http://"+registry, "broker", "--listen", addr, "--schema-registry-listen", registry)
	t.Setenv("LEADGEN_BROKERS", addr)
	t.Setenv("LEADGEN_SCHEMA_REGISTRY", "http://"+registry)
	run := startProcess(t, ctx, bin, "", "run", "--sandbox")

	requestAndWaitForLead(t, ctx, bin)
	lead := embeddedtest.First(t, []kgo.Opt{kgo.SeedBrokers(addr)}, topics.Names{}.Leads(), "12345678")
	if lead.Value[0] != 0 {
		t.Fatalf("the lead starts %#x, want the Confluent magic byte 0", lead.Value[0])
	}
	stopProcess(t, run)
	stopProcess(t, broker)
}
