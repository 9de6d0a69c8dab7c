package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/internal/statestore"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/schemas"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// changelogs are the aggregator's two state changelogs.
var changelogs = []string{names.AggregatorState(), names.LeadState()}

// ends are the high watermarks of every partition of topics.
func (e *env) ends(topics ...string) map[string]map[int32]int64 {
	e.t.Helper()
	cl := e.client()
	defer cl.Close()
	listed, err := kadm.NewClient(cl).ListEndOffsets(context.Background(), topics...)
	if err == nil {
		err = listed.Error()
	}
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]map[int32]int64{}
	listed.Each(func(o kadm.ListedOffset) {
		if out[o.Topic] == nil {
			out[o.Topic] = map[int32]int64{}
		}
		out[o.Topic][o.Partition] = o.Offset
	})
	return out
}

// committedSince counts the committed records of topics at or after the
// offsets given.
func (e *env) committedSince(from map[string]map[int32]int64) int {
	e.t.Helper()
	cl := e.client()
	defer cl.Close()
	n := 0
	for topic, parts := range from {
		spans := map[int32]stableread.Span{}
		for p, off := range parts {
			spans[p] = stableread.Span{From: off, To: stableread.ToStableEnd}
		}
		_, err := stableread.Reader{Client: cl}.Read(context.Background(), topic, spans, func(*kgo.Record) error { n++; return nil })
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return n
}

func (e *env) client() *kgo.Client {
	e.t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(e.brokers...))
	if err != nil {
		e.t.Fatal(err)
	}
	return cl
}

// replayed is how many changelog records the aggregator of cfg replayed
// at restore, from a checkpoint and in rebuilds.
func replayed(cfg Config) (fromCheckpoint, rebuilt float64) {
	return testutil.ToFloat64(cfg.Metrics.StateReplayed.WithLabelValues("false")),
		testutil.ToFloat64(cfg.Metrics.StateReplayed.WithLabelValues("true"))
}

// restored waits until the aggregator has restored its state and works:
// the lead of a new request id, for a company of its own, comes out.
func (e *env) restored(id, number string) {
	e.t.Helper()
	e.results(result(id, "companies_house", number), result(id, "linkedin", number))
	e.version(id, 1)
}

func TestARestartReplaysOnlyTheChangelogWrittenSinceItsCheckpoint(t *testing.T) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	cfg := e.config(RoleAggregator)
	cfg.Enabled = bothProviders
	stop := e.start(cfg)
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane"), result("r1", "linkedin", "01234567", "Jane Doe"))
	e.version("r1", 1)
	stop()
	// Another instance, with a store of its own, owns the partitions a
	// while and writes state.
	at := e.ends(changelogs...)
	other := cfg
	other.InstanceID = t.Name() + "-other"
	stopOther := e.start(other)
	e.results(result("r2", "companies_house", "07654321", "BROWN, Ann"), result("r2", "linkedin", "07654321"),
		result("r1", "linkedin", "01234567", "Jane Doe", "John Smith"))
	e.version("r2", 1)
	e.version("r1", 2)
	stopOther()
	written := e.committedSince(at)

	cfg.Metrics = metrics.New()
	stop = e.start(cfg)
	e.restored("r3", "03333333")
	if ck, rebuilt := replayed(cfg); ck != float64(written) || rebuilt != 0 || written == 0 {
		t.Fatalf("replayed %v records from the checkpoint and %v in rebuilds; want the %d the other instance wrote, and no rebuild", ck, rebuilt, written)
	}
	stop()

	// A clean restart with nothing written since replays nothing.
	cfg.Metrics = metrics.New()
	e.start(cfg)
	e.restored("r4", "04444444")
	if ck, rebuilt := replayed(cfg); ck != 0 || rebuilt != 0 {
		t.Fatalf("after a clean restart: replayed %v from the checkpoint, %v in rebuilds; want none", ck, rebuilt)
	}
}

// joinedR1 runs an aggregator alone, with its store on disk, until it has
// made the first version of request r1's lead, naming Jane Doe (twice)
// and John Smith.
func joinedR1(t *testing.T) (*env, Config, func()) {
	e := newEnv(t, sandbox.Config{}).onDisk()
	cfg := e.config(RoleAggregator)
	cfg.Enabled = bothProviders
	stop := e.start(cfg)
	e.results(result("r1", "companies_house", "01234567", "DOE, Jane", "SMITH, John"), result("r1", "linkedin", "01234567", "Jane Doe"))
	e.version("r1", 1)
	return e, cfg, stop
}

// lateResultAfterRestart joins r1 from both providers, stops the
// aggregator, runs between (nil: nothing), and restarts it; then a late
// linkedin result names one more person. It returns the late lead
// version and the aggregator's config.
func lateResultAfterRestart(t *testing.T, between func(*env, Config)) (*schemas.EnrichedLead, Config) {
	e, cfg, stop := joinedR1(t)
	if between != nil {
		stop()
		between(e, cfg)
		cfg.Metrics = metrics.New()
		e.start(cfg)
	}
	e.results(result("r1", "linkedin", "01234567", "Jane Doe", "Ann Late"))
	return e.version("r1", 2), cfg
}

func TestALateResultAfterARestartIsJoinedFromTheStoreAsWithoutTheRestart(t *testing.T) {
	want, _ := lateResultAfterRestart(t, nil)
	got, cfg := lateResultAfterRestart(t, func(*env, Config) {})
	if ck, rebuilt := replayed(cfg); ck != 0 || rebuilt != 0 {
		t.Errorf("replayed %v from the checkpoint, %v in rebuilds; want the state from the store alone", ck, rebuilt)
	}
	checkSameLead(t, got, want)
}

func TestADeletedStateDirIsRebuiltFromTheChangelog(t *testing.T) {
	want, _ := lateResultAfterRestart(t, nil)
	got, cfg := lateResultAfterRestart(t, func(e *env, _ Config) {
		if err := os.RemoveAll(e.stateDir); err != nil {
			t.Fatal(err)
		}
	})
	if ck, rebuilt := replayed(cfg); ck != 0 || rebuilt == 0 {
		t.Errorf("replayed %v from the checkpoint, %v in rebuilds; want a rebuild", ck, rebuilt)
	}
	checkSameLead(t, got, want)
}

// checkSameLead compares what two leads say, leaving out times.
func checkSameLead(t *testing.T, got, want *schemas.EnrichedLead) {
	t.Helper()
	if !slices.Equal(peopleOf(got), peopleOf(want)) || got.Version != want.Version || got.LeadScore != want.LeadScore ||
		!slices.Equal(got.ProvidersOK, want.ProvidersOK) {
		t.Errorf("lead v%d %v score %v from %v\nwant v%d %v score %v from %v", got.Version, peopleOf(got), got.LeadScore, got.ProvidersOK,
			want.Version, peopleOf(want), want.LeadScore, want.ProvidersOK)
	}
}

func TestAnErasedPersonIsGoneFromTheLocalStoreAndNoReplayBringsThemBack(t *testing.T) {
	e, cfg, stop := joinedR1(t)
	e.erase(erasePerson(t, "Jane Doe", ""))
	e.version("r1", 2)
	stop()
	if held := storedPeople(t, e, filepath.Join(e.stateDir, "aggregator-"+cfg.InstanceID)); slices.Contains(held, "DOE, Jane") ||
		slices.Contains(held, "Jane Doe") || !slices.Contains(held, "SMITH, John") {
		t.Fatalf("the store holds %v after the erasure", held)
	}
	// A replay of the erased person's result, after a restart from the store.
	e.start(cfg)
	e.results(result("r1", "linkedin", "01234567", "Jane Doe", "Ann Late"))
	if l := e.version("r1", 3); slices.Contains(peopleOf(l), "Jane Doe") || !slices.Contains(peopleOf(l), "Ann Late") {
		t.Fatalf("after the replay: %v", peopleOf(l))
	}
}

// storedPeople lists the people named by the results every state in the
// store at dir keeps: the aggregator's request ('r') and lead ('l')
// keyspaces, whose values hold the results as Avro.
func storedPeople(t *testing.T, e *env, dir string) []string {
	t.Helper()
	s, err := statestore.Open(statestore.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	for _, sp := range []statestore.Space{'r', 'l'} {
		for p := range int32(e.partitions(names.AggregatorState())) {
			err := s.Scan(sp, p, func(_ string, v []byte) error {
				results, err := storedResults(sp, v)
				if err != nil {
					return err
				}
				for _, raw := range results {
					r, err := schemas.DecodeDiscoveryResult(raw)
					if err != nil {
						return err
					}
					for _, x := range r.Executives {
						out = append(out, x.Name)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// storedResults are the results a stored state keeps: a request state is
// JSON, a lead state is read by the aggregator's decoder.
func storedResults(sp statestore.Space, v []byte) (map[string][]byte, error) {
	if sp == 'l' {
		return aggregator.LeadStateResults(v)
	}
	var st struct {
		Results map[string][]byte `json:"results"`
	}
	err := json.Unmarshal(v, &st)
	return st.Results, err
}
