package main

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestADeadLetterLivesThroughItsLifecycle follows one x letter: open;
// a replay refused while x's breaker is open; --wait-healthy replays once
// the worker reports the breaker closed; the worker's answer resolves it;
// a letter whose replay fails again is re-failed and linked to the newer
// letter, which is parked after the replays --park-after allows.
func TestADeadLetterLivesThroughItsLifecycle(t *testing.T) {
	addr, cl := testBroker(t)
	names := topics.Names{}
	ctx := t.Context()
	deadLetter(t, cl, "r1", 0)
	deadLetter(t, cl, "r2", 1)
	expect(t, []string{"open   x         transient  2"}, "dlq", "list", "--brokers", addr)

	xHealth := &breakerState{state: "open"}
	reg := health.New()
	reg.AddProvider("x", xHealth.provider)
	pub := healthlog.Publisher{Client: cl, Topic: names.ProviderHealth(), Instance: "worker-1", Health: reg, Every: time.Minute}
	publish(t, pub)
	code, err := execute(t, "dlq", "replay", "--key", "r1", "--brokers", addr)
	if code != 2 || err == nil || !strings.Contains(err.Error(), "refusing to replay: x: its breaker is open on worker-1") {
		t.Fatalf("replay while the breaker is open: exit %d, %v; want a refusal (exit 2) naming the breaker", code, err)
	}

	stderr := &syncBuffer{changed: make(chan struct{}, 100)}
	done := make(chan error, 1)
	go func() {
		root := newRoot()
		root.SetArgs([]string{"dlq", "replay", "--key", "r1", "--wait-healthy", "--brokers", addr})
		root.SetOut(new(strings.Builder))
		root.SetErr(stderr)
		done <- root.ExecuteContext(ctx)
	}()
	stderr.waitFor(t, "waiting 0s: x: its breaker is open")
	xHealth.set("closed")
	publish(t, pub)
	if err := <-done; err != nil {
		t.Fatalf("replay --wait-healthy: %v\n%s", err, stderr.String())
	}
	expect(t, []string{"replayed  x         transient  1", "open      x         transient  1"}, "dlq", "list", "--state", "all", "--brokers", addr)

	opts, retries := kclient.Config{Brokers: []string{addr}}.Opts(), names.Retry("x", 10*time.Second)
	replayed := embeddedtest.First(t, opts, retries, "")
	out := worker.NewOutput(&worker.Env{Names: names, Now: time.Now, Logger: slog.New(slog.DiscardHandler)}, cl, nil)
	res := &schemas.DiscoveryResult{RequestID: "r1", Provider: "x", Status: schemas.StatusOK, Layer: schemas.LayerPrimary}
	if err := out.Emit(ctx, replayed, res); err != nil {
		t.Fatal(err)
	}
	expect(t, []string{"resolved  x         transient  1"}, "dlq", "list", "--state", "resolved", "--brokers", addr)

	code, err = execute(t, "dlq", "replay", "--key", "r2", "--brokers", addr)
	if code != 0 || err != nil {
		t.Fatalf("replay of r2: exit %d, %v", code, err)
	}
	again := embeddedtest.First(t, opts, retries, "r2")
	again.Topic = names.Retry("x", 10*time.Second)
	back := route.Record(again, names.DLQ(), route.Failure{Provider: "x", Attempt: 2, Class: failure.Transient, Err: errors.New("503")}, time.Now())
	back.Partition = 0
	if err := cl.ProduceSync(ctx, back).FirstErr(); err != nil {
		t.Fatal(err)
	}
	expect(t, []string{"refailed  x         transient  1"}, "dlq", "list", "--state", "refailed", "--brokers", addr)
	expect(t, []string{"state    refailed", "carried on by 0/"}, "dlq", "show", "--key", "r2", "--state", "refailed", "--brokers", addr)
	expect(t, []string{"parked  x         transient  1"}, "dlq", "list", "--state", "parked", "--park-after", "1", "--brokers", addr)
	expect(t, []string{"parked: failed again after 1 replays; --force replays it again", "replayed 0"},
		"dlq", "replay", "--key", "r2", "--park-after", "1", "--brokers", addr)
	expect(t, []string{"replayed 1"}, "dlq", "replay", "--key", "r2", "--park-after", "1", "--force", "--brokers", addr)
}

// deadLetter writes an x letter for request id, read from the input at
// offset.
func deadLetter(t *testing.T, cl *kgo.Client, id string, offset int64) {
	t.Helper()
	value, err := schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: id, CompanyName: "ACME " + id, RequestedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	names := topics.Names{}
	src := &kgo.Record{Topic: names.Requests(), Offset: offset, Key: []byte(id), Value: value}
	rec := route.Record(src, names.DLQ(), route.Failure{Provider: "x", Attempt: 4, Class: failure.Transient, Err: errors.New("503")}, time.Now())
	if err := cl.ProduceSync(t.Context(), rec).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// expect runs the CLI and fails unless its output holds every want.
func expect(t *testing.T, want []string, args ...string) {
	t.Helper()
	out, err := capture(t, args...)
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Fatalf("%s: output lacks %q:\n%s", strings.Join(args, " "), w, out)
		}
	}
}

func publish(t *testing.T, p healthlog.Publisher) {
	t.Helper()
	if err := p.Publish(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// breakerState is a provider whose breaker state the test sets.
type breakerState struct {
	mu    sync.Mutex
	state string
}

func (b *breakerState) set(s string) { b.mu.Lock(); b.state = s; b.mu.Unlock() }

func (b *breakerState) provider() health.Provider {
	b.mu.Lock()
	defer b.mu.Unlock()
	return health.Provider{State: health.State(1, b.state), SuccessRate: 1, Lookups: 10, Breaker: b.state}
}

// syncBuffer is an output the test reads while a command writes it.
type syncBuffer struct {
	mu      sync.Mutex
	b       strings.Builder
	changed chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return n, err
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor returns once the buffer holds want.
func (s *syncBuffer) waitFor(t *testing.T, want string) {
	t.Helper()
	for !strings.Contains(s.String(), want) {
		select {
		case <-s.changed:
		case <-t.Context().Done():
			t.Fatalf("never printed %q:\n%s", want, s.String())
		}
	}
}
