package watch

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// watchedOf picks the companies of the first few and the last dataset
// events of the oracle: enough to have watched events early and at the
// end, and leave most dataset companies unwatched.
func watchedOf(oracle map[int64]string, last int64) []string {
	var out []string
	for tp := int64(start); tp <= last && len(out) < 3; tp++ {
		if _, ok := dataset.CompanyByNumber(oracle[tp]); ok {
			out = append(out, oracle[tp])
		}
	}
	for tp := last; tp >= start; tp-- {
		if _, ok := dataset.CompanyByNumber(oracle[tp]); ok {
			return append(out, oracle[tp])
		}
	}
	return out
}

func TestAnAppointmentOfAWatchedCompanyIsProducedAndOfAnUnwatchedOneNothing(t *testing.T) {
	h := newHarness(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 300}})
	last := int64(start + 299)
	oracle := h.oracle(chstream.Officers, last)
	watched := watchedOf(oracle, last)
	h.watch(watched...)
	want := expected(oracle, watched)

	stop := h.run(h.role(chstream.Officers))
	h.waitEvents(len(want))
	stop()

	evs := h.events()
	wantOnce(t, timepoints(evs), want)
	for _, e := range evs {
		var data struct {
			Name        string `json:"name"`
			AppointedOn string `json:"appointed_on"`
		}
		if err := json.Unmarshal([]byte(e.Data), &data); err != nil || data.Name == "" || data.AppointedOn == "" {
			t.Errorf("event %d: data %s is not an appointment (%v)", e.Timepoint, e.Data, err)
		}
		if e.ResourceKind != "company-officers" || e.Stream != string(chstream.Officers) || !slices.Contains(watched, e.CompanyNumber) {
			t.Errorf("event %d: %s of %s on stream %s, want a company-officers event of a watched company", e.Timepoint, e.ResourceKind, e.CompanyNumber, e.Stream)
		}
	}
}

func TestAfterEveryRestartMidStreamNoEventIsLostAndNoneProducedTwice(t *testing.T) {
	h := newHarness(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 2000, DropEvery: 150}})
	last := int64(start + 1999)
	oracle := h.oracle(chstream.PSCs, last)
	var watched []string
	for _, c := range dataset.Companies() {
		watched = append(watched, c.Number)
	}
	h.watch(watched...)
	want := expected(oracle, watched)

	// Every other stop is as abrupt as a kill: what is pending is not
	// committed.
	abrupt := func(c *Config) { c.StopGrace = time.Nanosecond }
	for i := 1; i <= 4; i++ {
		var tweaks []func(*Config)
		if i%2 == 0 {
			tweaks = append(tweaks, abrupt)
		}
		stop := h.run(h.role(chstream.PSCs, tweaks...))
		h.waitEvents(i * len(want) / 5)
		stop()
	}
	stop := h.run(h.role(chstream.PSCs))
	h.waitEvents(len(want))
	stop()
	evs := h.events()
	wantOnce(t, timepoints(evs), want)
	ids := map[string]int64{}
	for _, e := range evs {
		if tp, dup := ids[e.ResourceID]; dup {
			t.Errorf("resource %s produced at timepoints %d and %d", e.ResourceID, tp, e.Timepoint)
		}
		ids[e.ResourceID] = e.Timepoint
	}
}

func TestDropsA416AndA429AreRiddenOutAndEachLoggedOnce(t *testing.T) {
	h := newHarness(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 500, DropEvery: 100},
		Faults: map[string]sandbox.Faults{sandbox.ProviderCompaniesHouseStream: {FirstCallsRateLimited: 1, RetryAfter: time.Second}}})
	last := int64(start + 499)
	// The oracle's own first call takes the one 429.
	oracle := h.oracle(chstream.Officers, last)
	if n := h.logs.Count("gap=rate_limited"); n != 1 {
		t.Fatalf("the oracle met %d 429s, want 1", n)
	}
	var watched []string
	for _, c := range dataset.Companies() {
		watched = append(watched, c.Number)
	}
	h.watch(watched...)
	want := expected(oracle, watched)
	// A position older than the stream keeps: the first call is a 416.
	rec, err := positionRecord(h.names.WatchTimepoints(), chstream.Officers, 5, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := h.cl.ProduceSync(t.Context(), rec).FirstErr(); err != nil {
		t.Fatal(err)
	}
	drops := h.logs.Count("gap=dropped")
	// Changing the fault counts the first calls anew: the role's first
	// call is a 429 too.
	if err := h.sb.SetFaults(sandbox.ProviderCompaniesHouseStream, sandbox.Faults{}); err != nil {
		t.Fatal(err)
	}
	if err := h.sb.SetFaults(sandbox.ProviderCompaniesHouseStream, sandbox.Faults{FirstCallsRateLimited: 1, RetryAfter: time.Second}); err != nil {
		t.Fatal(err)
	}

	stop := h.run(h.role(chstream.Officers))
	h.waitEvents(len(want))
	stop()
	wantOnce(t, timepoints(h.events()), want)
	for gap, n := range map[string]int{"gap=timepoint_too_old": 1, "gap=rate_limited": 2, "gap=dropped": drops + 5} {
		if got := h.logs.Count(gap); got != n {
			t.Errorf("%s logged %d times, want %d:\n%s", gap, got, n, h.logs)
		}
	}
}

func TestALeadWithACompanyNumberIsWatchedAndItsErasureUnwatchesIt(t *testing.T) {
	h := newHarness(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 1}})
	number := "01234567"
	lead, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{LeadKey: number, RequestID: "r1", CompanyName: "ACME WIDGETS LIMITED",
		CompanyNumber: &number, Version: 1, UpdatedAt: time.Now(), RequestedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	noNumber, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{LeadKey: "acme trading", RequestID: "r2", CompanyName: "Acme Trading",
		Version: 1, UpdatedAt: time.Now(), RequestedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	leads := h.names.Leads()
	if err := h.cl.ProduceSync(t.Context(), &kgo.Record{Topic: leads, Key: []byte(number), Value: lead},
		&kgo.Record{Topic: leads, Key: []byte("acme trading"), Value: noNumber}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	stop := h.run(h.role(chstream.Officers, func(c *Config) { c.Fill = true }))
	defer stop()
	e := h.waitEntry(number, true)
	if e.Source != schemas.WatchFromLead || e.LeadKey == nil || *e.LeadKey != number {
		t.Errorf("entry %+v, want one from lead %s", e, number)
	}
	if err := h.cl.ProduceSync(t.Context(), &kgo.Record{Topic: leads, Key: []byte(number)}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	h.waitEntry(number, false)
	entries, err := Watched(t.Context(), h.cl, h.names)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("watchlist %+v, want empty: a lead without a company number watches nothing", entries)
	}
}

// fillRecords writes leads and requests to partition 0 of their topics,
// so the filler reads each topic's records in the order written.
type fillRecords struct {
	h  *harness
	cl *kgo.Client
}

func newFillRecords(h *harness) *fillRecords {
	cl, err := kgo.NewClient(append(slices.Clone(h.opts), kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(cl.Close)
	return &fillRecords{h: h, cl: cl}
}

func (f *fillRecords) lead(number, requestID string) {
	f.h.t.Helper()
	v, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{LeadKey: number, RequestID: requestID, CompanyName: "C " + number,
		CompanyNumber: &number, Version: 1, UpdatedAt: time.Now(), RequestedAt: time.Now()})
	if err != nil {
		f.h.t.Fatal(err)
	}
	f.send(f.h.names.Leads(), number, v)
}

func (f *fillRecords) request(number, requestID string, noWatch bool) {
	f.h.t.Helper()
	v, err := schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: requestID, CompanyName: "C " + number,
		CompanyNumber: &number, RequestedAt: time.Now(), NoWatch: noWatch})
	if err != nil {
		f.h.t.Fatal(err)
	}
	f.send(f.h.names.Requests(), requestID, v)
}

func (f *fillRecords) send(topic, key string, v []byte) {
	f.h.t.Helper()
	if err := f.cl.ProduceSync(f.h.t.Context(), &kgo.Record{Topic: topic, Key: []byte(key), Value: v, Partition: 0}).FirstErr(); err != nil {
		f.h.t.Fatal(err)
	}
}

func TestARequestThatOptsOutIsNotWatchedWhicheverOfItAndItsLeadIsReadFirst(t *testing.T) {
	h := newHarness(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 1}})
	stop := h.run(h.role(chstream.Officers, func(c *Config) { c.Fill = true }))
	defer stop()
	f := newFillRecords(h)

	// Its lead first: the company is watched, then the request's opt-out
	// removes it.
	f.lead("00000003", "r3")
	h.waitEntry("00000003", true)
	f.request("00000003", "r3", true)
	h.waitEntry("00000003", false)

	// The request first. Two markers, one behind the request and one
	// behind the lead on their partitions, tell when both were read.
	f.request("00000009", "r9", false)
	f.lead("00000009", "r9")
	h.waitEntry("00000009", true)
	f.request("00000002", "r2", true)
	f.lead("00000002", "r2")
	f.request("00000009", "r9", true) // marker behind r2: unwatches 00000009
	f.lead("00000006", "r6")          // marker behind the lead of r2
	h.waitEntry("00000009", false)
	h.waitEntry("00000006", true)
	entries, err := Watched(t.Context(), h.cl, h.names)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].CompanyNumber != "00000006" || *entries[0].RequestID != "r6" {
		t.Errorf("watchlist %+v, want 00000006 alone, watched by request r6", entries)
	}
}
