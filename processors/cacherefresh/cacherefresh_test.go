package cacherefresh

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

var (
	storedAt = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	fetched  = storedAt
	received = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
)

// cached is the result a lookup of SC123456 by number stored, paid for by
// request r1.
func cached() *schemas.DiscoveryResult {
	status := "active"
	return &schemas.DiscoveryResult{RequestID: "r1", Provider: companieshouse.ProviderName, Status: schemas.StatusOK,
		Layer: schemas.LayerPrimary, Confidence: 0.9, APICalls: 3, CostUSD: 0.01, LatencyMs: 120, FetchedAt: fetched,
		Company:    &schemas.CompanyProfile{Name: "ACME LIMITED", Status: &status},
		Executives: []schemas.Executive{{Name: "DOE, Jane", NormalizedName: "jane doe", Role: "director", Confidence: 0.9}}}
}

// appointment is an officer event of company number (in any case)
// appointing name.
func appointment(t *testing.T, number, name string, at time.Time) []byte {
	t.Helper()
	v, err := schemas.EncodeCompaniesHouseEvent(&schemas.CompaniesHouseEvent{CompanyNumber: number, Stream: "officers",
		ResourceKind: companieshouse.KindOfficer, ResourceURI: "/company/" + strings.ToUpper(number) + "/appointments/" + name,
		EventType: "changed", Timepoint: 1, Data: `{"name":"` + name + `","officer_role":"director","appointed_on":"2026-12-01"}`,
		ReceivedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// withEntry is a refresher, not consuming, over a store holding cached()
// under SC123456.
func withEntry(t *testing.T) (*Refresher, *cache.Store) {
	t.Helper()
	s := cache.New(cache.Config{Logger: slog.New(slog.DiscardHandler)})
	s.Put(context.Background(), key("SC123456"), cached(), storedAt)
	return &Refresher{cfg: Config{Topic: "t", Store: s}}, s
}

func names(xs []schemas.Executive) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.Name)
	}
	return out
}

func TestAnAppointmentUpdatesTheEntryKeepingItsTimeAndThePayingRequest(t *testing.T) {
	r, s := withEntry(t)
	ctx := context.Background()
	out, err := r.apply(ctx, appointment(t, "sc123456", "KHAN, Amir", received))
	if err != nil || out != Applied {
		t.Fatalf("outcome %q, err %v; want applied", out, err)
	}
	e, ok := s.Get(ctx, key("SC123456"))
	if !ok || !slices.Equal(names(e.Result.Executives), []string{"DOE, Jane", "KHAN, Amir"}) {
		t.Fatalf("entry %v %+v; want Jane Doe and Amir Khan", ok, e.Result)
	}
	res := e.Result
	if !e.StoredAt.Equal(storedAt) || res.RequestID != "r1" || res.APICalls != 3 || res.CostUSD != 0.01 || res.LatencyMs != 120 || res.FromCache {
		t.Errorf("stored at %v, request %s, calls %d, cost %v, latency %d, from cache %v; want the lookup's",
			e.StoredAt, res.RequestID, res.APICalls, res.CostUSD, res.LatencyMs, res.FromCache)
	}
	if !res.FetchedAt.Equal(received) {
		t.Errorf("fetched at %v, want the event's %v", res.FetchedAt, received)
	}
	if out, err := r.apply(ctx, appointment(t, "SC123456", "KHAN, Amir", received)); err != nil || out != Unchanged {
		t.Errorf("the same event again: outcome %q, err %v; want unchanged", out, err)
	}
}

// Two processes share Redis: the first to apply an event writes the
// refreshed entry there, with its first time stored; the second, whose
// in-process level does not hold the company, reads it from Redis and
// finds nothing left to apply.
func TestTheRefreshedEntryReachesAnotherProcessThroughRedis(t *testing.T) {
	url := redistest.OwnURL(t)
	ctx := context.Background()
	quiet := slog.New(slog.DiscardHandler)
	one := cache.New(cache.Config{Redis: redistest.ClientOf(t, url), Logger: quiet})
	two := cache.New(cache.Config{Redis: redistest.ClientOf(t, url), Logger: quiet})
	one.Put(ctx, key("SC123456"), cached(), storedAt)
	event := appointment(t, "SC123456", "KHAN, Amir", received)
	for _, p := range []struct {
		store *cache.Store
		want  string
	}{{one, Applied}, {two, Unchanged}} {
		r := &Refresher{cfg: Config{Topic: "t", Store: p.store}}
		if out, err := r.apply(ctx, event); err != nil || out != p.want {
			t.Fatalf("outcome %q, err %v; want %q", out, err, p.want)
		}
	}
	e, ok := two.Get(ctx, key("SC123456"))
	if !ok || !e.StoredAt.Equal(storedAt) || !slices.Equal(names(e.Result.Executives), []string{"DOE, Jane", "KHAN, Amir"}) {
		t.Errorf("the other process's entry: %v, stored at %v, executives %v; want the refreshed one stored at %v",
			ok, e.StoredAt, names(e.Result.Executives), storedAt)
	}
}

func TestEventsThatCannotChangeAnEntryLeaveTheCacheAsItIs(t *testing.T) {
	corporate, err := schemas.EncodeCompaniesHouseEvent(&schemas.CompaniesHouseEvent{CompanyNumber: "SC123456",
		ResourceKind: "company-psc-corporate-entity", Data: `{"name":"HOLDCO LIMITED"}`, ReceivedAt: received})
	if err != nil {
		t.Fatal(err)
	}
	badData, err := schemas.EncodeCompaniesHouseEvent(&schemas.CompaniesHouseEvent{CompanyNumber: "SC123456",
		ResourceKind: companieshouse.KindOfficer, Data: `{"name":`, ReceivedAt: received})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		value   []byte
		outcome string
		err     bool
	}{
		{"a company with no entry", appointment(t, "SC999999", "KHAN, Amir", received), Absent, false},
		{"an event older than the entry's result", appointment(t, "SC123456", "KHAN, Amir", fetched.Add(-time.Minute)), Unchanged, false},
		{"a kind that changes no result", corporate, "", false},
		{"a record that is not an event", []byte("not avro"), Undecodable, true},
		{"an event whose resource is not JSON", badData, Undecodable, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, s := withEntry(t)
			ctx := context.Background()
			out, err := r.apply(ctx, tt.value)
			if out != tt.outcome || (err != nil) != tt.err {
				t.Fatalf("outcome %q, err %v; want %q, error %v", out, err, tt.outcome, tt.err)
			}
			if e, _ := s.Get(ctx, key("SC123456")); len(e.Result.Executives) != 1 || !e.StoredAt.Equal(storedAt) {
				t.Errorf("entry changed: %+v at %v", e.Result.Executives, e.StoredAt)
			}
			if _, ok := s.Get(ctx, key("SC999999")); ok {
				t.Error("an entry was made for a company that had none")
			}
		})
	}
}

// Run reads the events written since it started, skips and counts an
// undecodable record, and goes on to apply the next event.
func TestRunAppliesEventsFromItsStartAndSkipsUndecodableRecords(t *testing.T) {
	opts := embeddedtest.Opts(t)
	topic := topics.Names{}.CompaniesHouseEvents()
	ctx := t.Context()
	pr, err := kgo.NewClient(append(opts[:len(opts):len(opts)], kgo.DefaultProduceTopic(topic))...)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	produce := func(recs ...*kgo.Record) {
		t.Helper()
		if err := pr.ProduceSync(ctx, recs...).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	number := []byte("SC123456")
	produce(&kgo.Record{Key: number, Value: appointment(t, "SC123456", "REID, Callum", received), Timestamp: start.Add(-time.Hour)})

	s := cache.New(cache.Config{Logger: slog.New(slog.DiscardHandler)})
	s.Put(ctx, key("SC123456"), cached(), storedAt)
	outcomes := make(chan string, 10)
	r, err := New(Config{Topic: topic, Store: s, Start: start, Logger: slog.New(slog.DiscardHandler),
		Count: func(o string) { outcomes <- o }}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.Run(runCtx) }()
	produce(&kgo.Record{Key: number, Value: []byte("not avro")},
		&kgo.Record{Key: number, Value: appointment(t, "SC123456", "KHAN, Amir", received)})

	var got []string
	for !slices.Contains(got, Applied) {
		select {
		case o := <-outcomes:
			got = append(got, o)
		case <-ctx.Done():
			t.Fatalf("outcomes %v; the event was never applied", got)
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
	if !slices.Equal(got, []string{Undecodable, Applied}) {
		t.Errorf("outcomes %v; want the undecodable record then the appointment, not the event from before the start", got)
	}
	if e, _ := s.Get(ctx, key("SC123456")); !slices.Equal(names(e.Result.Executives), []string{"DOE, Jane", "KHAN, Amir"}) {
		t.Errorf("executives %v; want Jane Doe and Amir Khan only", names(e.Result.Executives))
	}
}
