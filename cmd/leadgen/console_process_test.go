package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// consoleURL is the URL in a "leadgen console: http://ADDR/ (mode)" line.
func consoleURL(t *testing.T, line string) string {
	t.Helper()
	_, rest, ok := strings.Cut(line, "leadgen console: ")
	url, _, _ := strings.Cut(rest, " ")
	if !ok || !strings.HasPrefix(url, "http://") {
		t.Fatalf("no console URL in %q", line)
	}
	return url
}

// getPage fetches a console page and fails t unless it answers 200 with
// every one of wants.
func getPage(t *testing.T, url string, wants ...string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !contains(string(body), wants...) {
		t.Fatalf("GET %s: HTTP %d, want 200 with %q:\n%.2000s", url, resp.StatusCode, wants, body)
	}
}

// TestTheConsoleIsServedByDevAndByTheConsoleRoleOfRun starts leadgen dev,
// which serves the console at the URL it prints, then a broker and a
// `run --roles console` against it, as an operator would.
func TestTheConsoleIsServedByDevAndByTheConsoleRoleOfRun(t *testing.T) {
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	dev, line := start(t, ctx, bin, true, "leadgen console: http://",
		"dev", "--listen", freeAddr(t), "--console-listen", "127.0.0.1:0", "--samples", "1")
	base := consoleURL(t, line)
	getPage(t, base+"providers", `id="providers"`, `id="backlog"`, "companies_house")
	getPage(t, base+"leads", `id="leads"`)
	stopProcess(t, dev)

	addr := freeAddr(t)
	broker := startProcess(t, ctx, bin, "Kafka protocol on", "broker", "--listen", addr, "--data-dir", t.TempDir())
	run, line := start(t, ctx, bin, true, "leadgen console: http://",
		"run", "--brokers", addr, "--roles", "console", "--console-listen", "127.0.0.1:0")
	base = consoleURL(t, line)
	if !strings.Contains(line, "(read-only)") {
		t.Errorf("the console started without --allow-replay says %q, want read-only", line)
	}
	getPage(t, base+"dlq", `id="groups"`, "Read-only")
	stopProcess(t, run)
	stopProcess(t, broker)
}
