package sandbox

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestStartServesTheSandboxOnAFreePort(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, err := newServer(t, Config{}).Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.Header.Get(SandboxHeader) != "true" || !strings.Contains(string(body), "leadgen sandbox") {
		t.Fatalf("readme = %q, headers %v", body, resp.Header)
	}
}

func TestListenAndServeReturnsNilOnceTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- newServer(t, Config{}).ListenAndServe(ctx, "127.0.0.1:0") }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("ListenAndServe = %v, want nil after cancel", err)
	}
}

func TestListenAndServeReportsABadAddress(t *testing.T) {
	if err := newServer(t, Config{}).ListenAndServe(context.Background(), "not an address"); err == nil {
		t.Fatal("ListenAndServe accepted a bad address")
	}
}
