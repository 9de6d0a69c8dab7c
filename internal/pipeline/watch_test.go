package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

// TestTheCompanyOfALeadIsWatchedAndItsStreamEventsAreProduced runs the
// request pipeline and the watch role together: the lead of a request by
// number puts the company on the watchlist, and the sandbox streams'
// events about it, and about no other company, reach
// companies-house-events, and the lead's next versions follow them.
func TestTheCompanyOfALeadIsWatchedAndItsStreamEventsAreProduced(t *testing.T) {
	// Every event is about a dataset company, so the one requested comes
	// up every few hundred events.
	e := newEnv(t, sandbox.Config{Stream: sandbox.StreamConfig{Rate: 2000, DatasetEvery: 1}})
	cfg := e.config("companies_house", RoleAggregator, RoleWatch)
	cfg.Metrics = metrics.New()
	var err error
	if cfg.Stream, err = StreamClient(Deps{Sandbox: &Sandbox{URL: e.sbURL}, Logger: quiet(), Metrics: cfg.Metrics}); err != nil {
		t.Fatal(err)
	}
	e.start(cfg)
	reqs, cos := requestsFor(1, 0)
	e.request(reqs...)
	number := cos[0].Number
	msgs := e.readCommitted(names.CompaniesHouseEvents(), func(msgs []kafka.Message) bool {
		return slices.ContainsFunc(msgs, func(m kafka.Message) bool { return string(m.Key) == number })
	})
	for _, m := range msgs {
		ev, err := schemas.DecodeCompaniesHouseEvent(m.Value)
		if err != nil {
			t.Fatal(err)
		}
		if ev.CompanyNumber != number || string(m.Key) != number {
			t.Errorf("event %d of %s (key %s), want only events of the watched %s", ev.Timepoint, ev.CompanyNumber, m.Key, number)
		}
		if !slices.Contains([]string{string(chstream.Officers), string(chstream.PSCs)}, ev.Stream) {
			t.Errorf("event %d from stream %s, want the default officers and PSC streams", ev.Timepoint, ev.Stream)
		}
	}
	if read, produced := watchCount(t, cfg.Metrics, "read"), watchCount(t, cfg.Metrics, "produced"); produced < 1 || read <= produced {
		t.Errorf("leadgen_watch_events_total: read %v, produced %v; want some produced out of more read", read, produced)
	}
	if sent := seriesOf(t, cfg.Metrics, "leadgen_kafka_produce_bytes_total", "client_id", "leadgen-watch-officers"); sent <= 0 {
		t.Errorf("leadgen_kafka_produce_bytes_total of the officers stream's producer: %v, want its own franz-go metrics", sent)
	}
	// Each event names a person the lead did not have, or one leaving:
	// the aggregator refreshes the lead and says so.
	changes := e.changesOf(number, func(cs []*schemas.LeadChange) bool {
		return slices.ContainsFunc(cs, func(c *schemas.LeadChange) bool { return c.Cause != nil })
	})
	for _, c := range changes {
		if c.Cause == nil || len(c.Changes) == 0 || c.Version != c.PreviousVersion+1 || c.Changes[0].Person == nil {
			t.Errorf("lead change of %s: %+v, want the next version, caused by an event, about a person", number, c)
		}
	}
}

// watchCount is the leadgen_watch_events_total of one outcome.
func watchCount(t *testing.T, m *metrics.Metrics, outcome string) float64 {
	t.Helper()
	return seriesOf(t, m, "leadgen_watch_events_total", "outcome", outcome)
}

// seriesOf is the counter name's series whose label is value, summed.
func seriesOf(t *testing.T, m *metrics.Metrics, name, label, value string) float64 {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, metric := range f.GetMetric() {
			for _, l := range metric.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					return metric.GetCounter().GetValue()
				}
			}
		}
	}
	t.Fatalf("no %s{%s=%q}", name, label, value)
	return 0
}

func TestTheStreamKeyComesFromTheEnvironmentOrAFileAndIsNeverInAnError(t *testing.T) {
	t.Setenv(StreamKeyEnv, "")
	os.Unsetenv(StreamKeyEnv)
	_, err := StreamClient(Deps{Logger: quiet()})
	if err == nil || !strings.Contains(err.Error(), StreamKeyEnv) {
		t.Fatalf("no key: %v, want an error naming %s", err, StreamKeyEnv)
	}
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, []byte("sentinel-stream-key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(StreamKeyEnv+"_FILE", path)
	if _, err := StreamClient(Deps{Logger: quiet()}); err != nil {
		t.Fatalf("key from a file: %v", err)
	}
	t.Setenv(StreamURLEnv, "ftp://stream.example")
	if _, err := StreamClient(Deps{Logger: quiet()}); err == nil || strings.Contains(err.Error(), "sentinel") {
		t.Errorf("bad URL: %v, want an error without the key", err)
	}
}

func TestParseStreamsRefusesAStreamTheRoleDoesNotFollow(t *testing.T) {
	got, err := ParseStreams(" officers, companies ")
	if err != nil || !slices.Equal(got, []chstream.Stream{chstream.Officers, chstream.Companies}) {
		t.Errorf("ParseStreams: %v, %v", got, err)
	}
	for _, bad := range []string{"filings", "", " , "} {
		if _, err := ParseStreams(bad); err == nil {
			t.Errorf("ParseStreams(%q): no error", bad)
		}
	}
	if _, err := ParseRoles("watch,aggregator", []string{"companies_house"}); err != nil {
		t.Errorf("ParseRoles(watch,aggregator): %v", err)
	}
	if roles, _ := ParseRoles("all", []string{"companies_house"}); slices.Contains(roles, RoleWatch) {
		t.Errorf("all is %v: it must leave the watch role out, which needs a stream key", roles)
	}
	if roles, err := ParseRoles("all,watch,aggregator", []string{"companies_house"}); err != nil || !slices.Equal(roles, []string{"companies_house", RoleAggregator, RoleWatch}) {
		t.Errorf("all,watch,aggregator is %v, %v; want every role once", roles, err)
	}
}
