package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

// BenchmarkStreamEventToLeadVersion runs the request pipeline and the
// watch role against the sandbox's streams, every event about a dataset
// company, after a lead by number for every dataset company: each
// officer or PSC event then refreshes a watched lead. b.N is how many
// events that changed a lead it waits for: the events a change's cause
// names (the events of one lead in one transaction make one version). It
// reports those events and the versions they made a second, and the time
// from the watch role reading an event to the aggregator writing the lead
// version it made (the change's changed_at less the event's received_at),
// as percentiles.
func BenchmarkStreamEventToLeadVersion(b *testing.B) {
	for _, rate := range []float64{100, 2000, 5000} {
		b.Run(fmt.Sprintf("stream_rate=%g", rate), func(b *testing.B) { benchRefresh(b, rate) })
	}
}

func benchRefresh(b *testing.B, rate float64) {
	e := newEnv(b, sandbox.Config{RateLimit: -1, Stream: sandbox.StreamConfig{Rate: rate, DatasetEvery: 1}})
	cfg := e.config("companies_house", RoleAggregator, RoleWatch)
	cfg.Metrics = metrics.New()
	var err error
	if cfg.Stream, err = StreamClient(Deps{Sandbox: &Sandbox{URL: e.sbURL}, Logger: quiet(), Metrics: cfg.Metrics}); err != nil {
		b.Fatal(err)
	}
	all := sandbox.Companies()
	reqs, _ := requestsFor(len(all), 0)
	for i, r := range reqs {
		r.CompanyNumber = &all[i*7%len(all)].Number
	}
	e.start(cfg)
	e.request(reqs...)
	e.readCommitted(names.Leads(), leadsFor(ids(reqs)))
	b.ResetTimer()
	start := time.Now()
	var changes []*schemas.LeadChange
	events, read := 0, 0
	e.readCommitted(names.LeadChanges(), func(msgs []kafka.Message) bool {
		for _, m := range msgs[read:] {
			c, err := schemas.DecodeLeadChange(m.Value)
			if err != nil {
				b.Fatal(err)
			}
			if c.Cause != nil && c.ChangedAt.After(start) {
				changes = append(changes, c)
				events += len(causes(c))
			}
		}
		read = len(msgs)
		return events >= b.N
	})
	elapsed := time.Since(start)
	b.StopTimer()
	lat := e.eventLatencies(changes)
	b.ReportMetric(float64(events)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(len(changes))/elapsed.Seconds(), "versions/s")
	b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Milliseconds()), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Milliseconds()), "max-ms")
}

// eventLatencies are, sorted, the times from the watch role reading the
// event that caused each change to the change's lead version.
func (e *env) eventLatencies(changes []*schemas.LeadChange) []time.Duration {
	received := map[string]time.Time{}
	read := 0
	e.readCommitted(names.CompaniesHouseEvents(), func(msgs []kafka.Message) bool {
		for _, m := range msgs[read:] {
			ev, err := schemas.DecodeCompaniesHouseEvent(m.Value)
			if err != nil {
				e.t.Fatal(err)
			}
			received[fmt.Sprintf("%s event %d", ev.Stream, ev.Timepoint)] = ev.ReceivedAt
		}
		read = len(msgs)
		return !slices.ContainsFunc(changes, func(c *schemas.LeadChange) bool {
			return slices.ContainsFunc(causes(c), func(cause string) bool { _, ok := received[cause]; return !ok })
		})
	})
	var out []time.Duration
	for _, c := range changes {
		for _, cause := range causes(c) {
			out = append(out, c.ChangedAt.Sub(received[cause]))
		}
	}
	slices.Sort(out)
	return out
}

// causes are the events a change's cause names.
func causes(c *schemas.LeadChange) []string {
	if c.Cause == nil {
		return nil
	}
	return strings.Split(*c.Cause, ", ")
}
