package main

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// sendBacklog writes n requests to the broker at addr.
func sendBacklog(t *testing.T, ctx context.Context, addr string, n int) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	recs := make([]*kgo.Record, n)
	for i := range recs {
		id := fmt.Sprint("backlog-", i)
		val, err := schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: id, CompanyName: fmt.Sprintf("ACME %d LIMITED", i), RequestedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		recs[i] = &kgo.Record{Topic: topics.Names{}.Requests(), Key: []byte(id), Value: val}
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// Regression: with a backlog in flight and the broker gone, leadgen run
// did not exit within 40s of SIGTERM (drain timeout, then as long again,
// then a final commit and a group leave that each retried for 30s).
func TestRunExitsWithinTheShutdownTimeoutWithABacklogAndTheBrokerGone(t *testing.T) {
	const timeout = 3 * time.Second
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	addr := freeAddr(t)
	broker := startProcess(t, ctx, bin, "Kafka protocol on", "broker", "--listen", addr)
	sendBacklog(t, ctx, addr, 2000)
	// The sandbox's Companies House quota (600 calls per 5 minutes) keeps
	// most of the backlog waiting, and its latency keeps lookups in flight.
	run := startLogging(t, ctx, bin, "lead emitted", "run", "--brokers", addr, "--sandbox",
		"--sandbox-latency", "200ms", "--shutdown-timeout", timeout.String())

	if err := broker.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = broker.Wait()
	if err := run.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	exited := make(chan error, 1)
	go func() { exited <- run.Wait() }()
	select {
	case err := <-exited:
		took := time.Since(start)
		if err != nil {
			t.Fatalf("run after SIGTERM: %v, want exit 0", err)
		}
		if took > timeout {
			t.Fatalf("run exited %s after SIGTERM, want within --shutdown-timeout %s", took.Round(time.Millisecond), timeout)
		}
		t.Logf("run exited %s after SIGTERM", took.Round(time.Millisecond))
	case <-ctx.Done():
		t.Fatalf("run had not exited %s after SIGTERM", time.Since(start).Round(time.Second))
	}
}
