package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

// testTiers are short retry tiers so routes run in well under a second.
var testTiers = []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond}

// env is one test's broker and sandbox.
type env struct {
	t       testing.TB
	brokers []string
	sandbox *sandbox.Server
	sbURL   string
	tiers   []time.Duration
	broker  *embedded.Broker
	// sandboxCfg is the sandbox's config as the test gave it.
	sandboxCfg sandbox.Config
	// stateDir holds the aggregators' state stores, one per instance id;
	// "" keeps them in memory (see onDisk).
	stateDir string
}

func newEnv(t testing.TB, sb sandbox.Config) *env { return newEnvTiers(t, sb, testTiers) }

// newEnvTiers is newEnv with the given retry tiers.
func newEnvTiers(t testing.TB, sb sandbox.Config, tiers []time.Duration) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if tiers == nil {
		tiers = topics.DefaultTiers
	}
	b, err := embedded.Start(ctx, embedded.Config{Topics: topics.Config{Tiers: tiers}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	sb.Logger = quiet()
	srv, err := sandbox.New(sb)
	if err != nil {
		t.Fatal(err)
	}
	url, err := srv.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, brokers: b.Addrs(), sandbox: srv, sbURL: url, tiers: tiers, broker: b, sandboxCfg: sb}
}

// onDisk keeps the aggregators' state stores in a directory, as a
// deployment does, for the tests of what a restart restores from it; the
// others keep them in memory, rebuilt from the changelogs at each start,
// which is faster under the race detector.
func (e *env) onDisk() *env {
	e.stateDir = e.t.TempDir()
	return e
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// config is a pipeline running the given roles with companies_house on.
func (e *env) config(roles ...string) Config {
	e.t.Helper()
	enabled := []string{"companies_house"}
	deps := Deps{Sandbox: &Sandbox{URL: e.sbURL}}
	provs, err := Providers(roles, deps)
	if err != nil {
		e.t.Fatal(err)
	}
	secs, _, err := Secondaries(roles, deps)
	if err != nil {
		e.t.Fatal(err)
	}
	return Config{Kafka: kclient.Config{Brokers: e.brokers}, Roles: roles, Enabled: enabled,
		Providers: provs, Secondaries: secs, InstanceID: e.t.Name(), Logger: quiet(), Tiers: e.tiers, StateDir: e.stateDir}
}

// start runs cfg until the returned stop is called; stop waits for it.
func (e *env) start(cfg Config) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				e.t.Errorf("pipeline: %v", err)
			}
		})
	}
	e.t.Cleanup(stop)
	return stop
}

// produce writes raw values keyed by key with kafka-go, an independent
// client, partitioning keys as the Java client and franz-go do.
func (e *env) produce(topic string, msgs ...kafka.Message) {
	e.t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(e.brokers...), Topic: topic, Balancer: kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond}
	defer w.Close()
	if err := w.WriteMessages(context.Background(), msgs...); err != nil {
		e.t.Fatalf("kafka-go write to %s: %v", topic, err)
	}
}

func (e *env) request(reqs ...*schemas.CompanyRequest) {
	e.t.Helper()
	var msgs []kafka.Message
	for _, r := range reqs {
		v, err := schemas.EncodeCompanyRequest(r)
		if err != nil {
			e.t.Fatal(err)
		}
		msgs = append(msgs, kafka.Message{Key: []byte(r.RequestID), Value: v})
	}
	e.produce(topics.Names{}.Requests(), msgs...)
}

// read consumes topic with kafka-go from the start until done says the
// records seen so far are enough, or the deadline passes.
//
// kafka-go (v0.4.51) ignores read_committed: it hands out transaction
// markers and the records of aborted transactions (segmentio/kafka-go
// #1332). Tests that kill or restart the aggregator mid-transaction read
// with franz-go (readCommitted); read is for the independent-client tests.
func (e *env) read(topic string, done func([]kafka.Message) bool) []kafka.Message {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := &collector{notify: make(chan struct{}, 1)}
	for p := range e.partitions(topic) {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: e.brokers, Topic: topic, Partition: p,
			MaxWait: 50 * time.Millisecond, IsolationLevel: kafka.ReadCommitted})
		defer r.Close()
		go c.drain(ctx, r)
	}
	return e.await(ctx, topic, c, done)
}

// readCommitted is read with franz-go, which filters aborted transactions
// as read_committed requires.
func (e *env) readCommitted(topic string, done func([]kafka.Message) bool) []kafka.Message {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.FetchMaxWait(50*time.Millisecond))
	if err != nil {
		e.t.Fatal(err)
	}
	defer cl.Close()
	c := &collector{notify: make(chan struct{}, 1)}
	go c.poll(ctx, cl)
	return e.await(ctx, topic, c, done)
}

func (e *env) await(ctx context.Context, topic string, c *collector, done func([]kafka.Message) bool) []kafka.Message {
	e.t.Helper()
	for {
		if msgs := c.snapshot(); done(msgs) {
			return msgs
		}
		select {
		case <-ctx.Done():
			e.t.Fatalf("timed out reading %s: %d records so far", topic, len(c.snapshot()))
		case <-c.notify:
		}
	}
}

// collector gathers records from several readers and signals each arrival.
type collector struct {
	mu     sync.Mutex
	msgs   []kafka.Message
	notify chan struct{}
}

func (c *collector) poll(ctx context.Context, cl *kgo.Client) {
	for ctx.Err() == nil {
		fetches := cl.PollFetches(ctx)
		fetches.EachRecord(func(r *kgo.Record) {
			m := kafka.Message{Topic: r.Topic, Partition: int(r.Partition), Offset: r.Offset, Key: r.Key, Value: r.Value}
			for _, h := range r.Headers {
				m.Headers = append(m.Headers, kafka.Header{Key: h.Key, Value: h.Value})
			}
			c.add(m)
		})
	}
}

func (c *collector) add(m kafka.Message) {
	c.mu.Lock()
	c.msgs = append(c.msgs, m)
	c.mu.Unlock()
	select {
	case c.notify <- struct{}{}:
	default:
	}
}

func (c *collector) drain(ctx context.Context, r *kafka.Reader) {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.add(m)
	}
}

func (c *collector) snapshot() []kafka.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]kafka.Message(nil), c.msgs...)
}

func (e *env) partitions(topic string) int {
	e.t.Helper()
	conn, err := kafka.Dial("tcp", e.brokers[0])
	if err != nil {
		e.t.Fatal(err)
	}
	defer conn.Close()
	parts, err := conn.ReadPartitions(topic)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(parts)
}

// leads decodes lead records, failing on any undecodable one.
func (e *env) leads(msgs []kafka.Message) []*schemas.EnrichedLead {
	e.t.Helper()
	var out []*schemas.EnrichedLead
	for _, m := range msgs {
		if isMarker(m) || m.Value == nil {
			continue // transaction markers, and tombstones of superseded lead keys
		}
		l, err := schemas.DecodeEnrichedLead(m.Value)
		if err != nil {
			e.t.Fatalf("lead at offset %d (%x): %v", m.Offset, m.Value, err)
		}
		out = append(out, l)
	}
	return out
}

// byRequest groups lead versions per request id, in version order (a
// request's versions may sit on two partitions when its key changed).
func byRequest(leads []*schemas.EnrichedLead) map[string][]*schemas.EnrichedLead {
	out := map[string][]*schemas.EnrichedLead{}
	for _, l := range leads {
		out[l.RequestID] = append(out[l.RequestID], l)
	}
	for _, vs := range out {
		slices.SortStableFunc(vs, func(a, b *schemas.EnrichedLead) int { return cmp.Compare(a.Version, b.Version) })
	}
	return out
}

// requestsFor builds requests for n sandbox companies: even ones by
// number, odd ones by exact name only.
func requestsFor(n, offset int) ([]*schemas.CompanyRequest, []sandbox.Company) {
	all := sandbox.Companies()
	var reqs []*schemas.CompanyRequest
	var cos []sandbox.Company
	for i := range n {
		c := all[(offset+i*7)%len(all)]
		r := &schemas.CompanyRequest{RequestID: fmt.Sprintf("req-%d-%s", offset+i, c.Number), CompanyName: c.Name,
			RequestedAt: time.Now().UTC().Truncate(time.Millisecond)}
		if i%2 == 0 {
			num := c.Number
			r.CompanyNumber = &num
		}
		reqs = append(reqs, r)
		cos = append(cos, c)
	}
	return reqs, cos
}

// isMarker spots a transaction marker, which kafka-go hands out as a
// record: a 4-byte key (version 0, type abort=0 or commit=1) and a 6-byte
// value.
func isMarker(m kafka.Message) bool {
	return len(m.Key) == 4 && m.Key[0] == 0 && m.Key[1] == 0 && m.Key[2] == 0 && m.Key[3] <= 1 && len(m.Value) == 6
}
