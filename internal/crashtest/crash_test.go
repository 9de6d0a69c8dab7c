//go:build crash

package crashtest

import (
	"context"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/processors/fallback"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// config is the suite's size and chaos, from the environment:
//
//	LEADGEN_CRASH_REQUESTS  requests (default 200, the CI form)
//	LEADGEN_CRASH_KILLS     kill -9 of a provider worker (default 3); the
//	                        aggregator is killed 1 + KILLS/5 times (every
//	                        other time its state dir is deleted while it
//	                        is down), the broker and redis-server once each
//	LEADGEN_CRASH_SEED      seed of the chaos schedule (default: the time)
//	LEADGEN_CRASH_PROVIDERS enabled providers, comma-separated (default:
//	                        every implemented one, as leadgen run enables);
//	                        each worker process runs all of them
//	LEADGEN_CRASH_5XX       share of Companies House calls the sandbox
//	                        answers 503 in the crash run (default 0.02), so
//	                        the retry tiers carry records
//	LEADGEN_CRASH_STEP_WAIT longest wait for progress before each chaos
//	                        step (default 6s; a killed worker stalls its
//	                        groups for its 15s session, so longer waits let
//	                        more kills land while records flow)
//	LEADGEN_CRASH_BROKER_MOMENT
//	                        txn (default): kill the broker while the
//	                        aggregator has a transaction open (it is frozen
//	                        with SIGSTOP once one is seen, so the kill lands
//	                        inside it); idle: while it has none (frozen the
//	                        same way); any: at the schedule's moment
//	LEADGEN_CRASH_STATIC    1: every leadgen run joins its groups with
//	                        --static-membership (its instance id)
//	LEADGEN_CRASH_RACE      1: build leadgen with the race detector (a
//	                        DATA RACE in any process's log fails the suite)
//	LEADGEN_CRASH_LOGS      keep every process's log in this directory
//	LEADGEN_CRASH_REPORT    append the figures line to this file
type config struct {
	Providers   []string
	Requests    int
	WorkerKills int
	AggKills    int
	Seed        int64
	Fault5xx    float64
	Latency     time.Duration // sandbox latency in the crash run
	InFlight    int           // --max-in-flight of the crash run's workers
	Drain       time.Duration // limit of the final drain
	StepWait    time.Duration // longest wait for progress before a chaos step
	// BrokerMoment is when the broker is killed: "txn" (default) while
	// the aggregator has a transaction open, "idle" while it has none,
	// "any" at the schedule's random moment.
	BrokerMoment string
	// Static runs every leadgen process with --static-membership.
	Static bool
	// Race builds leadgen with -race.
	Race   bool
	LogDir string
	Report string
}

func loadConfig(t testing.TB) config {
	t.Helper()
	cfg := config{Requests: 200, WorkerKills: 3, Seed: time.Now().UnixNano(), Fault5xx: 0.02,
		Latency: 50 * time.Millisecond, InFlight: 8, LogDir: os.Getenv("LEADGEN_CRASH_LOGS"),
		Report: os.Getenv("LEADGEN_CRASH_REPORT")}
	atoi := func(name string, dst *int, min int) {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < min {
				t.Fatalf("%s=%q: want a whole number of at least %d", name, v, min)
			}
			*dst = n
		}
	}
	atoi("LEADGEN_CRASH_REQUESTS", &cfg.Requests, 10)
	atoi("LEADGEN_CRASH_KILLS", &cfg.WorkerKills, 1)
	if v := os.Getenv("LEADGEN_CRASH_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("LEADGEN_CRASH_SEED=%q: want an integer", v)
		}
		cfg.Seed = n
	}
	cfg.Static = os.Getenv("LEADGEN_CRASH_STATIC") == "1"
	cfg.Race = os.Getenv("LEADGEN_CRASH_RACE") == "1"
	if v := os.Getenv("LEADGEN_CRASH_5XX"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 0.5 {
			t.Fatalf("LEADGEN_CRASH_5XX=%q: want a share within 0..0.5", v)
		}
		cfg.Fault5xx = f
	}
	cfg.Providers = slices.Clone(pipeline.Implemented)
	if v := os.Getenv("LEADGEN_CRASH_PROVIDERS"); v != "" {
		ps, err := pipeline.ParseProviders(v)
		if err != nil {
			t.Fatalf("LEADGEN_CRASH_PROVIDERS=%q: %v", v, err)
		}
		cfg.Providers = ps
	}
	cfg.AggKills = 1 + cfg.WorkerKills/5
	// The drain waits out a killed member's group session and the
	// retry tiers; larger runs take longer to work through.
	cfg.Drain = 150*time.Second + time.Duration(cfg.Requests)*30*time.Millisecond
	cfg.BrokerMoment = "txn"
	if v := os.Getenv("LEADGEN_CRASH_BROKER_MOMENT"); v != "" {
		if v != "txn" && v != "idle" && v != "any" {
			t.Fatalf("LEADGEN_CRASH_BROKER_MOMENT=%q: want txn, idle or any", v)
		}
		cfg.BrokerMoment = v
	}
	cfg.StepWait = 6 * time.Second
	if v := os.Getenv("LEADGEN_CRASH_STEP_WAIT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			t.Fatalf("LEADGEN_CRASH_STEP_WAIT=%q: want a duration of at least 1s", v)
		}
		cfg.StepWait = d
	}
	if cfg.LogDir == "" {
		cfg.LogDir = t.TempDir()
	} else if err := os.MkdirAll(cfg.LogDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return cfg
}

var tiers = []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}

const tierFlag = "1s,2s,3s"

// system is one run's processes and the suite's clients.
type system struct {
	t          testing.TB
	bin        string
	logDir     string
	brokerAddr string
	dataDir    string
	broker     *role
	sandbox    *role
	sandboxURL string
	redis      *role
	redisURL   string
	roles      []*role
	aggregator *role // nil in the baseline
	k          *kafka
	prod       *kgo.Client
	providers  []string
	produced   []request // every request produced so far
	static     bool      // leadgen run with --static-membership
}

// startSystem starts a broker on a fresh data dir, a sandbox and a
// redis-server, each its own process.
func startSystem(t testing.TB, ctx context.Context, bin, logDir string, providers []string, sandboxArgs ...string) *system {
	t.Helper()
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := &system{t: t, bin: bin, logDir: logDir, dataDir: t.TempDir(), providers: providers}
	s.brokerAddr = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	s.broker = newRole(t, logDir, "broker", bin, "Kafka protocol on",
		"broker", "--listen", s.brokerAddr, "--data-dir", s.dataDir, "--retry-tiers", tierFlag)
	sbAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	s.sandboxURL = "http://" + sbAddr
	s.sandbox = newRole(t, logDir, "sandbox", bin, "leadgen sandbox listening",
		append([]string{"sandbox", "--listen", sbAddr, "--sandbox-rate-limit", "-1"}, sandboxArgs...)...)
	s.redis, s.redisURL = startRedis(t, ctx, logDir, "redis")
	s.roles = []*role{s.broker, s.sandbox, s.redis}
	for _, r := range []*role{s.broker, s.sandbox} {
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if s.k, err = newKafka(s.brokerAddr); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.k.Close)
	if s.prod, err = kgo.NewClient(kgo.SeedBrokers(s.brokerAddr), kgo.ClientID("leadgen-crashtest-producer"),
		kgo.RequiredAcks(kgo.AllISRAcks())); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.prod.Close)
	t.Cleanup(func() {
		if t.Failed() {
			s.dumpTails()
		}
	})
	return s
}

// sessionTimeout is every leadgen process's group session timeout
// (--session-timeout): how long a killed member holds its partitions.
// Shorter than the 45s default, so the suite's time goes to crashes and
// recoveries, not to waiting; long enough that a process slowed by the
// race detector on a busy machine keeps its heartbeats in time.
const sessionTimeout = "15s"

// runner prepares a `leadgen run` process.
func (s *system) runner(name, roles, instance string, inFlight int) *role {
	args := []string{"run", "--brokers", s.brokerAddr, "--roles", roles, "--providers", strings.Join(s.providers, ","), "--sandbox-url", s.sandboxURL,
		"--instance-id", instance, "--redis", s.redisURL, "--retry-tiers", tierFlag, "--state-dir", s.stateDir(),
		"--metrics-addr", "127.0.0.1:0", "--max-in-flight", strconv.Itoa(inFlight), "--session-timeout", sessionTimeout}
	if s.static {
		args = append(args, "--static-membership")
	}
	r := newRole(s.t, s.logDir, name, s.bin, `"msg":"role started"`, args...)
	s.roles = append(s.roles, r)
	return r
}

func (s *system) produce(ctx context.Context, reqs []request) error {
	recs := make([]*kgo.Record, 0, len(reqs))
	for _, r := range reqs {
		rec, err := r.record()
		if err != nil {
			return err
		}
		recs = append(recs, rec)
	}
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := s.prod.ProduceSync(pctx, recs...).FirstErr(); err != nil {
		return err
	}
	s.produced = append(s.produced, reqs...)
	return nil
}

// snapshot reads the bookkeeping, retrying while the broker is coming
// back.
func (s *system) snapshot(ctx context.Context) (*snapshot, error) { return s.snapshotOf(ctx, false) }

// snapshotOf reads the bookkeeping; full decodes every result too.
func (s *system) snapshotOf(ctx context.Context, full bool) (*snapshot, error) {
	snap, err := backoff.Retry(ctx, func() (*snapshot, error) {
		rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		return takeSnapshot(rctx, s.k, s.providers, tiers, full)
	}, backoff.WithBackOff(backoff.NewConstantBackOff(250*time.Millisecond)), backoff.WithMaxElapsedTime(60*time.Second))
	if err != nil {
		return nil, fmt.Errorf("read the system's bookkeeping: %w", err)
	}
	return snap, nil
}

// pace waits d before the next look at the other processes' state in
// Kafka (offsets, group state), which offers no event to wait on; it
// reports false when ctx ended first.
func pace(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// waitFor takes snapshots until cond holds; it fails after limit with
// cond's last description.
func (s *system) waitFor(ctx context.Context, what string, limit time.Duration, cond func(*snapshot) (bool, string)) *snapshot {
	s.t.Helper()
	start := time.Now()
	lastReport, lastChange := start, start
	var last, lastKey string
	for {
		snap, err := s.snapshot(ctx)
		if err != nil {
			s.t.Fatalf("waiting for %s: %v", what, err)
		}
		ok, desc := cond(snap)
		if ok {
			return snap
		}
		last = desc
		if key := snap.progress(); key != lastKey {
			lastKey, lastChange = key, time.Now()
		}
		if stalled := time.Since(lastChange); stalled > stallLimit || time.Since(start) > limit {
			diag := s.diagnose(ctx) + s.trace(ctx, head(snap.books(s.produced).Lost, 5))
			s.t.Fatalf("no %s within %s (no progress at all for %s): %s\nuncommitted: %s\n%s", what, time.Since(start).Round(time.Second),
				stalled.Round(time.Second), last, strings.Join(head(snap.Lag, 20), "; "), diag)
		}
		if time.Since(lastReport) > 20*time.Second {
			lastReport = time.Now()
			s.t.Logf("still waiting for %s after %s: %s; groups not stable: %v", what, time.Since(start).Round(time.Second), desc, s.unstableGroups(ctx))
		}
		if !pace(ctx, 250*time.Millisecond) {
			s.t.Fatalf("waiting for %s: %v", what, ctx.Err())
		}
	}
}

// stallLimit is how long the system may make no progress at all (no
// offset committed, no lead, no dead letter) before the suite calls it
// stuck: longer than a killed member's group session (sessionTimeout),
// with room for the restore and retries after it.
const stallLimit = 75 * time.Second

// diagnose collects what explains a stall: a stuck state restore, the
// groups, what read_committed readers cannot see, and every leadgen
// process's goroutine stacks (the processes are ended by the SIGQUIT).
func (s *system) diagnose(ctx context.Context) string {
	var b strings.Builder
	if s.aggregator != nil {
		if seen, started := s.aggregator.LastSeen(restoredLine); seen.Before(started) && time.Since(started) > 30*time.Second {
			fmt.Fprintf(&b, "THE AGGREGATOR HAS NOT RESTORED ITS STATE in the %s since its last start (no %q line): "+
				"its restore waits for a record at the changelog's last stable offset - 1 that read_committed readers never see "+
				"(see the changelog below and docs/RELIABILITY.md, known bugs)\n", time.Since(started).Round(time.Second), restoredLine)
		}
	}
	// What an operator would see: leadgen leads reads enriched-leads up
	// to its last stable offset the same way the restore reads the
	// changelog.
	lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	leadsStart := time.Now()
	out, err := exec.CommandContext(lctx, s.bin, "leads", "--brokers", s.brokerAddr, "--output", "json", "--timeout", "15s").CombinedOutput()
	cancel()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	fmt.Fprintf(&b, "leadgen leads --timeout 15s: took %s, exit %v, %d lines, last: %.300s\n",
		time.Since(leadsStart).Round(time.Millisecond), err, len(lines), lines[len(lines)-1])
	fmt.Fprintf(&b, "groups:\n    %s\n", strings.Join(s.groups(ctx), "\n    "))
	for _, topic := range []string{names.AggregatorState(), names.LeadState(), names.Leads()} {
		tails, err := s.k.tails(ctx, topic)
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", topic, err)
		}
		fmt.Fprintf(&b, "%s, as read_committed readers see it:\n    %s\n", topic, strings.Join(tails, "\n    "))
	}
	for _, r := range s.roles[3:] { // the leadgen run processes
		r.DumpStacks()
		fmt.Fprintf(&b, "goroutine stacks of %s are in %s\n", r.name, filepath.Join(s.logDir, r.name+".log"))
	}
	return b.String()
}

// trace lists every record keyed by one of ids in every topic a request
// passes through, committed or not, with the committed offsets of the
// groups that read it: where a lost request was last seen.
func (s *system) trace(ctx context.Context, ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "trace of lost requests %v:\n", ids)
	seen := map[string]bool{}
	for _, st := range append(stages(s.providers, tiers), stage{"changelog", names.AggregatorState(), ""},
		stage{"leads", names.Leads(), ""}, stage{"dlq", names.DLQ(), ""}) {
		if st.group != "" {
			commits, err := s.k.committed(ctx, st.group)
			fmt.Fprintf(&b, "    group %s on %s committed %v %v\n", st.group, st.topic, commits[st.topic], err)
		}
		if seen[st.topic] {
			continue
		}
		seen[st.topic] = true
		committed, _, err := s.k.read(ctx, stableread.Reader{Client: s.k.cl}, st.topic, nil)
		if err != nil {
			fmt.Fprintf(&b, "    %s: %v\n", st.topic, err)
			continue
		}
		visible := map[string]bool{}
		for _, r := range committed {
			visible[fmt.Sprintf("%d@%d", r.Partition, r.Offset)] = true
		}
		all, _, err := s.k.read(ctx, stableread.Reader{Client: s.k.cl, Uncommitted: true}, st.topic, nil)
		if err != nil {
			fmt.Fprintf(&b, "    %s: %v\n", st.topic, err)
			continue
		}
		for _, r := range all {
			if !want[string(r.Key)] && !want[requestIDOf(r)] {
				continue
			}
			state := "committed"
			if !visible[fmt.Sprintf("%d@%d", r.Partition, r.Offset)] {
				state = "NOT VISIBLE to read_committed"
			}
			fmt.Fprintf(&b, "    %s[%d]@%d key=%s %s txn=%t pid=%d epoch=%d provider=%s attempt=%s %s\n", st.topic, r.Partition, r.Offset,
				r.Key, state, r.Attrs.IsTransactional(), r.ProducerID, r.ProducerEpoch, header(r, "leadgen.provider"), header(r, "leadgen.attempt"), describe(r))
		}
	}
	return b.String()
}

// requestIDOf is the request a result or lead record belongs to, when its
// key is not the request id.
func requestIDOf(r *kgo.Record) string {
	if l, err := schemas.DecodeEnrichedLead(r.Value); err == nil {
		return l.RequestID
	}
	return ""
}

// describe says what a record holds, where the suite can decode it.
func describe(r *kgo.Record) string {
	if res, err := schemas.DecodeDiscoveryResult(r.Value); err == nil {
		return fmt.Sprintf("result %s %s", res.Provider, res.Status)
	}
	if l, err := schemas.DecodeEnrichedLead(r.Value); err == nil {
		return fmt.Sprintf("lead v%d complete=%t", l.Version, l.Complete)
	}
	if r.Value == nil {
		return "tombstone"
	}
	return fmt.Sprintf("%d bytes", len(r.Value))
}

// waitRestored waits until the aggregator has restored its state since
// after; it fails with a diagnosis when that takes longer than a group
// session and a rebalance.
func (s *system) waitRestored(ctx context.Context, after time.Time) {
	s.t.Helper()
	limit := 90 * time.Second
	if !s.aggregator.WaitSeen(ctx, restoredLine, after, limit) {
		s.t.Fatalf("the aggregator has not restored its state within %s of the broker restart\n%s", limit, s.diagnose(ctx))
	}
	seen, _ := s.aggregator.LastSeen(restoredLine)
	s.t.Logf("the aggregator restored its state %s after the broker restart", seen.Sub(after).Round(time.Millisecond))
}

// restoredLine is what the aggregator logs once its state is restored.
const restoredLine = "aggregator state restored"

// openTransaction reports the changelog partitions whose last stable
// offset is behind their high watermark: the aggregator has a transaction
// open that already wrote state.
func (s *system) openTransaction(ctx context.Context) ([]int32, error) {
	topic := names.AggregatorState()
	lso, err := s.k.adm.ListCommittedOffsets(ctx, topic)
	if err != nil {
		return nil, err
	}
	hwm, err := s.k.adm.ListEndOffsets(ctx, topic)
	if err != nil {
		return nil, err
	}
	var open []int32
	lso.Each(func(o kadm.ListedOffset) {
		if h, ok := hwm.Lookup(topic, o.Partition); ok && o.Err == nil && h.Offset > o.Offset {
			open = append(open, o.Partition)
		}
	})
	return open, nil
}

// groups describes every leadgen consumer group: state and members.
func (s *system) groups(ctx context.Context) []string {
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	listed, err := s.k.adm.ListGroups(dctx)
	if err != nil {
		return []string{"list groups: " + err.Error()}
	}
	described, err := s.k.adm.DescribeGroups(dctx, listed.Groups()...)
	if err != nil {
		return []string{"describe groups: " + err.Error()}
	}
	var out []string
	for _, g := range described.Sorted() {
		var members []string
		for _, m := range g.Members {
			var parts []string
			if a, ok := m.Assigned.AsConsumer(); ok {
				for _, tp := range a.Topics {
					parts = append(parts, fmt.Sprintf("%s%v", tp.Topic, tp.Partitions))
				}
			}
			members = append(members, fmt.Sprintf("%s(%s)", m.MemberID, strings.Join(parts, " ")))
		}
		out = append(out, fmt.Sprintf("%s %s %d members %v", g.Group, g.State, len(g.Members), members))
	}
	return out
}

// waitStable waits until every group has settled: Stable, with want
// members, each with an assignment. A kill -9 is taken only once the
// killed process's groups have absorbed the previous restart: the embedded
// broker (kfake) restarts its rebalance deadline on every join, so kills
// during a rebalance can keep a group from ever completing it (see
// docs/RELIABILITY.md).
func (s *system) waitStable(ctx context.Context, groups []string, want int, limit time.Duration) {
	s.t.Helper()
	start := time.Now()
	var last []string
	for {
		dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		described, err := s.k.adm.DescribeGroups(dctx, groups...)
		cancel()
		last = last[:0]
		if err != nil {
			last = append(last, err.Error())
		}
		for _, g := range groups {
			d, ok := described[g]
			switch {
			case !ok:
				last = append(last, g+" not described")
			case d.State != "Stable" || len(d.Members) != want:
				last = append(last, fmt.Sprintf("%s %s with %d members", g, d.State, len(d.Members)))
			}
		}
		if len(last) == 0 {
			return
		}
		if time.Since(start) > limit {
			s.t.Fatalf("groups not stable with %d members each within %s: %v", want, limit, last)
		}
		if !pace(ctx, 250*time.Millisecond) {
			s.t.Fatalf("waiting for stable groups: %v", ctx.Err())
		}
	}
}

// unstableGroups names the groups not in the Stable state.
func (s *system) unstableGroups(ctx context.Context) []string {
	var out []string
	for _, g := range s.groups(ctx) {
		if !strings.Contains(g, " Stable ") {
			f := strings.Fields(g)
			out = append(out, strings.Join(f[:min(len(f), 4)], " "))
		}
	}
	return out
}

// stop ends every process cleanly, the pipeline first.
func (s *system) stop() {
	for i := len(s.roles) - 1; i >= 0; i-- {
		r := s.roles[i]
		if err := r.Stop(40 * time.Second); err != nil && !strings.Contains(err.Error(), "not running") {
			s.t.Logf("%s stopped with %v", r.name, err)
		}
	}
}

func (s *system) dumpTails() {
	for _, r := range s.roles {
		tail := r.Tail()
		if len(tail) > 15 {
			tail = tail[len(tail)-15:]
		}
		s.t.Logf("last output of %s (full log %s):\n    %s", r.name, filepath.Join(s.logDir, r.name+".log"), strings.Join(tail, "\n    "))
	}
}

func allResolved(reqs []request) func(*snapshot) (bool, string) {
	return func(snap *snapshot) (bool, string) {
		b := snap.books(reqs)
		n := snap.resolved(reqs)
		return n == len(reqs) && snap.Drained && b.Pending == 0,
			fmt.Sprintf("%d of %d requests have a lead or a dead letter; %s; pending %s", n, len(reqs), b, snap.pendingSummary())
	}
}

// TestCrashSuite runs the same requests twice, as separate processes:
// once without crashes (the baseline), then with kill -9 of provider
// workers, the aggregator, the broker and redis-server at random moments
// while they are in flight. Every request must end with one final lead
// equal to the baseline's, or a dead letter with its reason; none may be
// lost, and at every step each request must be somewhere: a lead, a dead
// letter, or a record not yet committed by the stage that consumes it.
func TestCrashSuite(tt *testing.T) {
	t := &suiteT{T: tt}
	t.Cleanup(t.repeatFailures)
	cfg := loadConfig(t)
	rng := rand.New(rand.NewSource(cfg.Seed))
	t.Logf("crash suite: providers %v, %d requests, %d worker kills, %d aggregator kills, seed %d (LEADGEN_CRASH_SEED=%d repeats the schedule), logs in %s",
		cfg.Providers, cfg.Requests, cfg.WorkerKills, cfg.AggKills, cfg.Seed, cfg.Seed, cfg.LogDir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	bin := buildLeadgen(t, t.TempDir(), cfg.Race)
	reqs := plan(cfg.Requests)

	baseStart := time.Now()
	base := runBaseline(t, ctx, bin, cfg, reqs)

	fig := &figures{requests: len(reqs), kills: map[string]int{}, selfExits: map[string]int{}, versions: map[int]int{},
		seed: cfg.Seed, baseTook: time.Since(baseStart)}
	crashStart := time.Now()
	// The figures are printed however the run ends: a failed run's
	// figures say how far it got.
	defer func() {
		fig.crashTook, fig.total = time.Since(crashStart), time.Since(start)
		for _, r := range fig.roles {
			if exits := r.SelfExits(); len(exits) > 0 {
				fig.selfExits[r.name] = len(exits)
				for _, e := range exits {
					t.Logf("self-exit: %s", e)
				}
			}
		}
		line := fig.String(cfg)
		if t.Failed() {
			line += " status=FAILED"
		}
		t.Log(line)
		fmt.Println(line)
		if cfg.Report != "" {
			f, err := os.OpenFile(cfg.Report, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err != nil {
				t.Error(err)
				return
			}
			fmt.Fprintf(f, "%s %s\n", time.Now().UTC().Format(time.RFC3339), line)
			f.Close()
		}
	}()
	runCrash(t, ctx, bin, cfg, rng, reqs, base, fig)
}

// runBaseline runs every request through one crash-free `run --roles
// all` and returns each request's outcome.
func runBaseline(t testing.TB, ctx context.Context, bin string, cfg config, reqs []request) map[string]*outcome {
	t.Helper()
	s := startSystem(t, ctx, bin, filepath.Join(cfg.LogDir, "baseline"), cfg.Providers)
	all := s.runner("all", "all", "baseline", 64)
	if err := all.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.produce(ctx, reqs); err != nil {
		t.Fatalf("produce the baseline's requests: %v", err)
	}
	s.waitFor(ctx, "crash-free run to finish", cfg.Drain, allResolved(reqs))
	snap, err := s.snapshotOf(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	s.stop()
	out := snap.outcomes(reqs)
	var multi, dlq int
	for _, r := range reqs {
		o := out[r.ID]
		if len(o.Versions) != 1 {
			multi++
		}
		if len(o.DLQ) > 0 {
			dlq++
			t.Logf("baseline: %s dead-lettered: %v", r.ID, o.DLQ)
		}
	}
	if multi > 0 {
		t.Errorf("baseline: %d requests do not have exactly one lead version", multi)
	}
	for _, r := range []*role{all} {
		if exits := r.SelfExits(); len(exits) > 0 {
			t.Errorf("baseline: %s exited on its own: %v", r.name, exits)
		}
	}
	t.Logf("baseline: %d requests, %d with a lead, %d dead-lettered", len(reqs), len(snap.Leads), dlq)
	return out
}

// figures are what the suite reports.
type figures struct {
	requests                  int
	kills                     map[string]int
	selfExits                 map[string]int
	lost, duplicated          int
	dlq, pending, fallback    int
	reemitted, versionAnomaly int
	dlqWithGoodLead           int
	versions                  map[int]int
	tierTraffic               map[string]int
	maxOverlap                int
	afterProgress             int // chaos steps taken after progress, not at the schedule's time
	cutTxns                   int // changelog partitions with a transaction open when the broker was killed
	costDiffers               int // final leads whose cost_usd differs from the crash-free run's
	roles                     []*role
	steps                     int
	seed                      int64
	baseTook, crashTook       time.Duration
	total                     time.Duration
}

func (f *figures) String(cfg config) string {
	kinds := func(m map[string]int) string {
		var parts []string
		for _, k := range slices.Sorted(mapKeys(m)) {
			parts = append(parts, fmt.Sprintf("%s:%d", k, m[k]))
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, ",")
	}
	var vs []string
	for _, n := range slices.Sorted(intKeys(f.versions)) {
		vs = append(vs, fmt.Sprintf("%d:%d", n, f.versions[n]))
	}
	return fmt.Sprintf("crash figures: requests=%d kills=%s self-exits=%s lost=%d duplicated=%d dlq=%d pending=%d "+
		"moments-after-progress=%d/%d txn-cut-by-broker-crash=%d fallback=%d reemitted=%d final-cost-differs=%d version-anomalies=%d dlq-with-good-lead=%d versions=%s tier-traffic=%s max-overlap=%d "+
		"broker-moment=%s static-membership=%t 5xx=%g elapsed=%s (baseline %s, crash run %s) seed=%d",
		f.requests, kinds(f.kills), kinds(f.selfExits), f.lost, f.duplicated, f.dlq, f.pending,
		f.afterProgress, f.steps, f.cutTxns, f.fallback, f.reemitted, f.costDiffers, f.versionAnomaly, f.dlqWithGoodLead, strings.Join(vs, ","), kinds(f.tierTraffic), f.maxOverlap,
		cfg.BrokerMoment, cfg.Static, cfg.Fault5xx, f.total.Round(time.Second), f.baseTook.Round(time.Second), f.crashTook.Round(time.Second), f.seed)
}

func mapKeys(m map[string]int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func intKeys(m map[int]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// split cuts reqs into n waves of near-equal size.
func split(reqs []request, n int) [][]request {
	out := make([][]request, n)
	for i := range out {
		lo, hi := i*len(reqs)/n, (i+1)*len(reqs)/n
		out[i] = reqs[lo:hi]
	}
	return out
}

func jitter(rng *rand.Rand, lo, hi time.Duration) time.Duration {
	return lo + time.Duration(rng.Int63n(int64(hi-lo)+1))
}

// runCrash runs the requests through separate broker, sandbox, redis,
// aggregator and two worker processes while killing them, and checks the
// bookkeeping after every step and the outcomes at the end.
func runCrash(t testing.TB, ctx context.Context, bin string, cfg config, rng *rand.Rand, reqs []request, base map[string]*outcome, fig *figures) {
	t.Helper()
	crashStart := time.Now()
	var sbArgs []string
	sbArgs = append(sbArgs, "--sandbox-latency", cfg.Latency.String())
	if cfg.Fault5xx > 0 {
		sbArgs = append(sbArgs, "--sandbox-fault", fmt.Sprintf("%s:status_5xx=%g", chProvider, cfg.Fault5xx))
	}
	s := startSystem(t, ctx, bin, filepath.Join(cfg.LogDir, "crash"), cfg.Providers, sbArgs...)
	s.static = cfg.Static
	agg := s.runner("aggregator", "aggregator", "crash-aggregator", cfg.InFlight)
	agg.watch = []string{restoredLine}
	s.aggregator = agg
	providerRoles := strings.Join(cfg.Providers, ",")
	workers := []*role{
		s.runner("worker-a", providerRoles, "crash-worker-a", cfg.InFlight),
		s.runner("worker-b", providerRoles, "crash-worker-b", cfg.InFlight),
	}
	for _, r := range append([]*role{agg}, workers...) {
		if err := r.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}

	var kinds []string
	for range cfg.WorkerKills {
		kinds = append(kinds, "worker")
	}
	for range cfg.AggKills {
		kinds = append(kinds, "aggregator")
	}
	kinds = append(kinds, "broker", "redis")
	rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	t.Logf("chaos schedule: %v", kinds)

	fig.steps = len(kinds)
	fig.roles = s.roles
	waves := split(reqs, len(kinds)+1)
	var produced []request
	check := func(step string, snap *snapshot) {
		b := snap.books(produced)
		fig.maxOverlap = max(fig.maxOverlap, b.Overlap)
		fig.lost, fig.pending, fig.dlq = len(b.Lost), b.Pending, b.DLQ
		t.Logf("%-32s %s; pending: %s", step+":", b, snap.pendingSummary())
		if len(b.Lost) > 0 {
			t.Errorf("%s: %d requests are nowhere (no lead, no dead letter, not pending): %v", step, len(b.Lost), head(b.Lost, 20))
		}
		if len(b.Unknown) > 0 {
			t.Errorf("%s: leads for requests never produced: %v", step, head(b.Unknown, 20))
		}
		for _, p := range snap.Problems {
			t.Errorf("%s: %s", step, p)
		}
	}
	for i, kind := range kinds {
		switch kind {
		case "worker":
			s.waitStable(ctx, workerGroups(cfg.Providers), len(workers), cfg.Drain)
		case "aggregator":
			s.waitStable(ctx, []string{aggregator.Group("")}, 1, cfg.Drain)
		case "broker":
			if cfg.BrokerMoment != "any" { // the aggregator must be at work
				s.waitStable(ctx, []string{aggregator.Group("")}, 1, cfg.Drain)
				s.waitStable(ctx, workerGroups(cfg.Providers), len(workers), cfg.Drain)
			}
		}
		if err := s.produce(ctx, waves[i]); err != nil {
			t.Fatalf("produce wave %d: %v", i, err)
		}
		produced = append(produced, waves[i]...)
		// The chaos moment: once a random number of this wave's requests
		// have finished while the rest are in flight, or, when the system
		// is stalled (a killed group member holds its partitions until its
		// session expires), at a random time: that is the schedule,
		// not a synchronisation; the checks wait on conditions.
		snap, err := s.snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		target := min(len(produced), snap.resolved(produced)+1+rng.Intn(max(1, len(waves[i])/2)))
		latest := time.Now().Add(jitter(rng, cfg.StepWait/4, cfg.StepWait))
		moment := "at the schedule's time, the system stalled"
		frozen := false
		if kind == "broker" && cfg.BrokerMoment != "any" {
			// "txn": the broker dies while the aggregator has a
			// transaction open that already wrote state, the hardest
			// moment for exactly-once; "idle": while it has none. Once
			// the wanted state is seen, the aggregator is frozen
			// (SIGSTOP) so it cannot change it before the kill, and
			// thawed right after the kill.
			wantOpen := cfg.BrokerMoment == "txn"
			latest = time.Now().Add(30 * time.Second)
			for !frozen && time.Now().Before(latest) {
				if open, err := s.openTransaction(ctx); err != nil || (len(open) > 0) != wantOpen {
					if !pace(ctx, 2*time.Millisecond) {
						t.Fatalf("waiting for the broker-kill moment: %v", ctx.Err())
					}
					continue
				}
				agg.Freeze()
				if open, err := s.openTransaction(ctx); err == nil && (len(open) > 0) == wantOpen {
					frozen = true
					if wantOpen {
						moment = fmt.Sprintf("while the aggregator had a transaction open on changelog partitions %v (aggregator frozen for the kill)", open)
						fig.cutTxns += len(open)
					} else {
						moment = "while the aggregator had no transaction open (aggregator frozen for the kill)"
					}
					fig.afterProgress++
					break
				}
				agg.Thaw()
			}
		}
		for kind != "broker" && time.Now().Before(latest) {
			snap, err := s.snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if snap.resolved(produced) >= target {
				moment = fmt.Sprintf("after %d requests resolved", target)
				fig.afterProgress++
				break
			}
			if !pace(ctx, 100*time.Millisecond) {
				t.Fatalf("waiting for the kill moment: %v", ctx.Err())
			}
		}
		if kind != "broker" {
			if !pace(ctx, jitter(rng, 0, 300*time.Millisecond)) {
				t.Fatalf("before the kill: %v", ctx.Err())
			}
		}
		step := fmt.Sprintf("%s step %d/%d kill -9 %s", since(crashStart), i+1, len(kinds), kind)
		fig.kills[kind]++
		switch kind {
		case "worker":
			w := workers[rng.Intn(len(workers))]
			step += " (" + w.name + ")"
			s.kill9AndRestart(ctx, w, jitter(rng, 0, time.Second), nil)
		case "aggregator":
			// Every other kill also deletes the aggregator's state dir
			// while it is down: the restart rebuilds it from the
			// changelogs; the others restore it from the store and
			// replay the changelogs from its checkpoints.
			wipe := fig.kills[kind]%2 == 1
			if wipe {
				step += " (state dir deleted while down)"
			}
			s.kill9AndRestart(ctx, agg, jitter(rng, 0, time.Second), func() {
				if wipe {
					if err := os.RemoveAll(s.stateDir()); err != nil {
						t.Fatalf("delete the aggregator's state dir: %v", err)
					}
				}
			})
		case "broker":
			before := s.hwms(ctx)
			if !s.broker.Kill9() {
				t.Fatal("the broker was not running when it was to be killed")
			}
			if frozen {
				agg.Thaw()
			}
			if !pace(ctx, jitter(rng, 500*time.Millisecond, 2*time.Second)) { // the broker stays down
				t.Fatalf("while the broker is down: %v", ctx.Err())
			}
			if err := s.broker.Start(ctx); err != nil {
				t.Fatalf("restart the broker: %v", err)
			}
			restarted := time.Now()
			s.checkHWMs(ctx, before)
			if tails, err := s.k.tails(ctx, names.AggregatorState()); err == nil {
				for _, l := range tails {
					if strings.Contains(l, "never visible") {
						t.Logf("after the broker restart: %s", l)
					}
				}
			}
			// The restarted broker has forgotten the group members: the
			// aggregator rejoins (or, after a failed transaction, exits
			// and is restarted) and restores its state from the
			// changelog. That must finish.
			s.waitRestored(ctx, restarted)
		case "redis":
			s.kill9AndRestart(ctx, s.redis, jitter(rng, 500*time.Millisecond, 2*time.Second), nil)
		}
		t.Logf("%s (%s)", step, moment)
		snap, err = s.snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check(step, snap)
	}
	if err := s.produce(ctx, waves[len(waves)-1]); err != nil {
		t.Fatalf("produce the last wave: %v", err)
	}
	produced = append(produced, waves[len(waves)-1]...)
	s.waitFor(ctx, "drain after the chaos", cfg.Drain, allResolved(reqs))
	final, err := s.snapshotOf(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	check(since(crashStart)+" drained", final)
	s.crossCheckLeads(ctx, final)
	s.stop()

	bad, err := scanLogs(filepath.Join(cfg.LogDir, "crash"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range head(bad, 20) {
		t.Errorf("process log: %s", l)
	}
	judge(t, fig, reqs, final, base)
}

// kill9AndRestart kills a process with SIGKILL, waits until it has
// exited, runs whileDown (if any), keeps it down for down, and starts it
// again with the same arguments (same port, data dir, instance id).
func (s *system) kill9AndRestart(ctx context.Context, r *role, down time.Duration, whileDown func()) {
	s.t.Helper()
	if !r.Kill9() {
		s.t.Logf("%s was not running when it was to be killed (restarting after a self-exit?)", r.name)
	}
	if whileDown != nil {
		whileDown()
	}
	if !pace(ctx, down) { // the process stays down
		return
	}
	if r.Running() { // the supervisor got there first
		return
	}
	if err := r.Start(ctx); err != nil {
		s.t.Fatalf("restart %s: %v", r.name, err)
	}
}

// stateDir is where the processes keep their state stores (the
// aggregator's, under its instance id).
func (s *system) stateDir() string { return filepath.Join(s.dataDir, "state") }

// hwms reads every topic's high watermarks, to compare across a broker
// restart.
func (s *system) hwms(ctx context.Context) map[string]map[int32]int64 {
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	return snap.HWMs
}

// checkHWMs fails when the restarted broker has fewer records in a
// partition than before it was killed: acknowledged writes lost.
func (s *system) checkHWMs(ctx context.Context, before map[string]map[int32]int64) {
	after := s.hwms(ctx)
	for topic, parts := range before {
		for p, hwm := range parts {
			if got := after[topic][p]; got < hwm {
				s.t.Errorf("broker restart: %s/%d has %d records, had %d before the kill", topic, p, got, hwm)
			}
		}
	}
}

// crossCheckLeads reads enriched-leads with an ordinary franz-go
// read_committed consumer and checks it sees the same records as the
// suite's own reader.
func (s *system) crossCheckLeads(ctx context.Context, snap *snapshot) {
	s.t.Helper()
	want := map[string]bool{}
	for _, ls := range snap.Leads {
		for _, l := range ls {
			want[fmt.Sprintf("%d@%d", l.Partition, l.Offset)] = true
		}
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(s.brokerAddr), kgo.ConsumeTopics(names.Leads()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		s.t.Fatal(err)
	}
	defer cl.Close()
	got := map[string]bool{}
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	for len(got) < len(want) && rctx.Err() == nil {
		cl.PollFetches(rctx).EachRecord(func(r *kgo.Record) {
			if r.Value != nil {
				got[fmt.Sprintf("%d@%d", r.Partition, r.Offset)] = true
			}
		})
	}
	var missing, extra []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	if len(missing)+len(extra) > 0 {
		sort.Strings(missing)
		sort.Strings(extra)
		s.t.Errorf("a read_committed consumer of %s disagrees with the suite's reader: missing %v, extra %v",
			names.Leads(), head(missing, 10), head(extra, 10))
	}
}

// crashClasses are the dead-letter classes a crash run may cause: the
// injected 5xx walk a request through every tier (transient, bad_response)
// or an open breaker (breaker_open). Every request is good and small, so
// any other class (an aggregator's permanent, too_large or conflict, an
// invalid input) means a crash turned a good request into a dead letter.
var crashClasses = map[string]bool{"transient": true, "bad_response": true, "breaker_open": true, "rate_limited": true}

func checkDeadLetterClasses(t testing.TB, id string, letters []deadLetter) {
	t.Helper()
	for _, d := range letters {
		if !crashClasses[d.Class] {
			t.Errorf("%s: dead-lettered %s, which no crash or injected fault explains", id, d)
		}
	}
}

// judge compares every request's outcome with the baseline's.
func judge(t testing.TB, fig *figures, reqs []request, final *snapshot, base map[string]*outcome) {
	t.Helper()
	got := final.outcomes(reqs)
	fig.tierTraffic = final.TierRecords
	b := final.books(reqs)
	fig.lost, fig.pending, fig.dlq = len(b.Lost), b.Pending, 0
	var examples, costExamples []string
	for _, r := range reqs {
		o, want := got[r.ID], base[r.ID]
		checkDeadLetterClasses(t, r.ID, final.DLQ[r.ID])
		fig.versions[len(o.Versions)]++
		if !o.versionsOK() {
			fig.versionAnomaly++
			t.Errorf("%s: lead versions %v in offset order, want them strictly increasing", r.ID, o.Versions)
		}
		for i := 1; i < len(o.Contents); i++ {
			if o.Contents[i] == o.Contents[i-1] {
				fig.reemitted++
				examples = append(examples, fmt.Sprintf("%s v%d→v%d same content, cost_usd %g→%g", r.ID,
					o.Versions[i-1], o.Versions[i], o.Costs[i-1], o.Costs[i]))
			}
		}
		if n, m := len(o.Costs), len(want.Costs); n > 0 && m > 0 && o.Costs[n-1] != want.Costs[m-1] {
			fig.costDiffers++
			costExamples = append(costExamples, fmt.Sprintf("%s cost_usd %g (crash-free run %g), versions %v", r.ID, o.Costs[n-1], want.Costs[m-1], o.Versions))
		}
		switch {
		case len(o.Keys) == 0 && len(o.DLQ) == 0:
			// lost: counted by the books
		case len(o.Keys) > 1:
			fig.duplicated++
			t.Errorf("%s: leads under %d keys %v", r.ID, len(o.Keys), o.Keys)
		case o.Final == want.Final && len(o.DLQ) > 0:
			fig.dlqWithGoodLead++
			t.Logf("%s: final lead equals the baseline's, and also dead-lettered: %v", r.ID, o.DLQ)
		case o.Final == want.Final:
		case len(o.DLQ) > 0:
			fig.dlq++
			for _, d := range final.DLQ[r.ID] {
				if d.Class == "" || d.Message == "" {
					t.Errorf("%s: dead letter without its reason: %q", r.ID, d)
				}
			}
			t.Logf("%s: dead-lettered (%v); final lead %q", r.ID, o.DLQ, o.Final)
		case fellBack(o) != "":
			fig.fallback++
			t.Logf("%s: answered by the fallback (%s) after the injected 5xx used up every retry tier; lead %q",
				r.ID, fellBack(o), o.Final)
		default:
			fig.duplicated++
			t.Errorf("%s: final lead differs from the crash-free run's\n got: %s\nwant: %s\nversions: %v", r.ID, o.Final, want.Final, o.Contents)
		}
	}
	if bad := final.leadVersionAnomalies(); len(bad) > 0 {
		fig.versionAnomaly += len(bad)
		t.Errorf("%d leads do not raise their lead_key's version: %v", len(bad), head(bad, 10))
	}
	if len(costExamples) > 0 {
		t.Logf("%d final leads carry another cost_usd than the crash-free run's, e.g. %v", len(costExamples), head(costExamples, 5))
	}
	if len(examples) > 0 {
		t.Errorf("%d lead versions repeat the previous version's content (a re-delivered result made a new version), e.g. %v", len(examples), head(examples, 5))
	}
	if fig.lost > 0 {
		t.Errorf("%d requests lost: %v", fig.lost, head(b.Lost, 20))
	}
	if fig.pending > 0 {
		t.Errorf("%d requests still pending after the drain", fig.pending)
	}
}

func head(s []string, n int) []string {
	if len(s) > n {
		return append(slices.Clone(s[:n]), fmt.Sprintf("... %d more", len(s)-n))
	}
	return s
}

// fellBack names the providers whose last result came from the fallback
// chain, "" when none did.
func fellBack(o *outcome) string {
	var out []string
	for _, p := range slices.Sorted(maps.Keys(o.Last)) {
		if r := o.Last[p]; r.Status == schemas.StatusFallback {
			out = append(out, fmt.Sprintf("%s layer %s", p, r.Layer))
		}
	}
	return strings.Join(out, ", ")
}

func since(t time.Time) string {
	return fmt.Sprintf("[%5.1fs]", time.Since(t).Seconds())
}

// workerGroups are the consumer groups a provider worker process joins.
func workerGroups(providers []string) []string {
	var out []string
	for _, p := range providers {
		out = append(out, worker.Group("", p), retry.Group("", p), fallback.Group("", p))
	}
	return out
}
