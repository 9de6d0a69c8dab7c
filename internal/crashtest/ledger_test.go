//go:build crash

package crashtest

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/processors/fallback"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

const chProvider = "companies_house"

var names = topics.Names{}

// request is one input of the suite.
type request struct {
	ID       string
	Company  sandbox.Company
	ByNumber bool
}

// requestedAt is the same for every request of both runs, so the inputs
// are byte for byte the same.
var requestedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// plan picks n requests from the sandbox dataset deterministically: the
// companies in number order, round robin; half the requests give the
// company number, half only the name (the choice alternates, and flips on
// each pass over the dataset so every company is asked for both ways).
func plan(n int) []request {
	cos := sandbox.Companies()
	sort.Slice(cos, func(i, j int) bool { return cos[i].Number < cos[j].Number })
	out := make([]request, n)
	for i := range out {
		out[i] = request{ID: fmt.Sprintf("crash-%05d", i), Company: cos[i%len(cos)], ByNumber: (i+i/len(cos))%2 == 0}
	}
	return out
}

func (r request) record() (*kgo.Record, error) {
	req := &schemas.CompanyRequest{RequestID: r.ID, CompanyName: r.Company.Name, RequestedAt: requestedAt}
	if r.ByNumber {
		n := r.Company.Number
		req.CompanyNumber = &n
	}
	val, err := schemas.EncodeCompanyRequest(req)
	if err != nil {
		return nil, err
	}
	return &kgo.Record{Topic: names.Requests(), Key: []byte(r.ID), Value: val}, nil
}

// leadRec is one visible (committed, non-tombstone) lead record.
type leadRec struct {
	Partition int32
	Offset    int64
	Lead      *schemas.EnrichedLead
}

// deadLetter is one record of the dead-letter topic.
type deadLetter struct {
	Provider, Class, Message string
}

func (d deadLetter) String() string { return d.Provider + "/" + d.Class + ": " + d.Message }

// snapshot is the whole system's bookkeeping at one moment: for each
// request, its leads, its dead letters and where it is still pending.
type snapshot struct {
	Leads   map[string][]leadRec    // request id → visible leads, in (partition, offset) order
	DLQ     map[string][]deadLetter // request id → dead letters
	Pending map[string][]string     // request id → places it still waits in
	// LastResult is the last discovery result per request and provider
	// (what the aggregator merged last); only in a full snapshot.
	LastResult map[string]map[string]*schemas.DiscoveryResult
	// Places counts pending records per place.
	Places map[string]int
	// TierRecords counts every record ever written to a retry tier or the
	// fallback topic (traffic, not backlog); only in a full snapshot.
	TierRecords map[string]int
	// Drained is true when every group has committed everything.
	Drained bool
	// Lag describes what is not yet committed, when not drained.
	Lag []string
	// Problems are records the suite could not read.
	Problems []string
	// HWMs are the high watermarks seen, topic → partition → offset.
	HWMs map[string]map[int32]int64
	// Committed sums every group's committed offsets, and Outputs counts
	// lead and dead-letter records: together they tell whether anything
	// moved between two snapshots.
	Committed, Outputs int64
}

// progress changes whenever the system moved.
func (s *snapshot) progress() string { return fmt.Sprintf("%d/%d", s.Committed, s.Outputs) }

// stage is one place a request can wait in: a topic and the group that
// consumes it.
type stage struct {
	place, topic, group string
}

// stages lists every place a request can wait in: each provider's input
// group on the requests, its retry tiers and its fallback, then the
// aggregator on the results.
func stages(providers []string, tiers []time.Duration) []stage {
	var st []stage
	for _, p := range providers {
		st = append(st, stage{"input." + p, names.Requests(), worker.Group("", p)})
		for _, d := range tiers {
			st = append(st, stage{"retry." + p + "." + topics.FormatDelay(d), names.Retry(p, d), retry.Group("", p)})
		}
		st = append(st, stage{"fallback." + p, names.Fallback(p), fallback.Group("", p)})
	}
	return append(st, stage{"results", names.Results(), aggregator.Group("")},
		stage{"lead-results", names.LeadResults(), aggregator.Group("")})
}

// takeSnapshot reads the bookkeeping. Upstream positions are read before
// downstream outputs, so a request moving during the read is seen in two
// places, never in none: first every group's committed offsets, then the
// stage topics, then the leads and dead letters. Results are keyed by
// request id; full also decodes them (LastResult), for the final judgement.
func takeSnapshot(ctx context.Context, k *kafka, providers []string, tiers []time.Duration, full bool) (*snapshot, error) {
	st := stages(providers, tiers)
	commits := map[string]map[string]map[int32]int64{}
	for _, s := range st {
		if _, ok := commits[s.group]; ok {
			continue
		}
		c, err := k.committed(ctx, s.group)
		if err != nil {
			return nil, err
		}
		commits[s.group] = c
	}
	snap := &snapshot{
		Leads: map[string][]leadRec{}, DLQ: map[string][]deadLetter{}, Pending: map[string][]string{},
		LastResult: map[string]map[string]*schemas.DiscoveryResult{}, Places: map[string]int{}, TierRecords: map[string]int{},
		Drained: true, HWMs: map[string]map[int32]int64{},
	}
	// Without full, each topic is read only from the lowest offset its
	// groups committed: only the records after it can be pending.
	var from map[string]map[int32]int64
	if !full {
		from = map[string]map[int32]int64{}
		for _, s := range st {
			if _, seen := from[s.topic]; !seen {
				from[s.topic] = maps.Clone(commits[s.group][s.topic])
				if from[s.topic] == nil {
					from[s.topic] = map[int32]int64{}
				}
				continue
			}
			for p, o := range from[s.topic] {
				if c := commits[s.group][s.topic][p]; c < o {
					from[s.topic][p] = c
				}
			}
		}
	}
	reads := map[string]*topicRead{}
	for _, s := range st {
		tr, ok := reads[s.topic]
		if !ok {
			var err error
			if tr, err = k.readCommittedFrom(ctx, s.topic, from[s.topic]); err != nil {
				return nil, err
			}
			reads[s.topic] = tr
		}
		snap.HWMs[s.topic] = tr.HWMs
		done := commits[s.group][s.topic]
		for _, o := range done {
			snap.Committed += o
		}
		for p, end := range tr.Ends {
			if done[p] < end && !onlyMarkersFrom(s.topic, tr.Records, p, done[p]) {
				snap.Drained = false
				snap.Lag = append(snap.Lag, fmt.Sprintf("%s %s/%d committed %d of %d", s.group, s.topic, p, done[p], end))
			}
		}
		for _, r := range tr.Records {
			id := string(r.Key)
			if strings.HasPrefix(s.place, "retry.") || strings.HasPrefix(s.place, "fallback.") {
				snap.TierRecords[s.place]++
			}
			if s.place == "results" && full {
				res, err := schemas.DecodeDiscoveryResult(r.Value)
				if err != nil {
					snap.Problems = append(snap.Problems, fmt.Sprintf("result %s/%d@%d: %v", r.Topic, r.Partition, r.Offset, err))
					continue
				}
				id = res.RequestID
				if snap.LastResult[id] == nil {
					snap.LastResult[id] = map[string]*schemas.DiscoveryResult{}
				}
				snap.LastResult[id][res.Provider] = res
			}
			if s.place == "lead-results" {
				id = requestOf(r.Value)
			}
			if r.Offset >= done[r.Partition] {
				snap.Pending[id] = append(snap.Pending[id], s.place)
				snap.Places[s.place]++
			}
		}
	}
	leads, err := k.readCommitted(ctx, names.Leads())
	if err != nil {
		return nil, err
	}
	snap.HWMs[names.Leads()] = leads.HWMs
	snap.Outputs += int64(len(leads.Records))
	for _, r := range leads.Records {
		if r.Value == nil {
			continue // a tombstone
		}
		l, err := schemas.DecodeEnrichedLead(r.Value)
		if err != nil {
			snap.Problems = append(snap.Problems, fmt.Sprintf("lead %s/%d@%d: %v", r.Topic, r.Partition, r.Offset, err))
			continue
		}
		snap.Leads[l.RequestID] = append(snap.Leads[l.RequestID], leadRec{Partition: r.Partition, Offset: r.Offset, Lead: l})
	}
	dlq, err := k.readCommitted(ctx, names.DLQ())
	if err != nil {
		return nil, err
	}
	snap.HWMs[names.DLQ()] = dlq.HWMs
	snap.Outputs += int64(len(dlq.Records))
	for _, r := range dlq.Records {
		id := string(r.Key)
		snap.DLQ[id] = append(snap.DLQ[id], deadLetter{Provider: header(r, route.HeaderProvider),
			Class: header(r, route.HeaderErrorClass), Message: header(r, route.HeaderErrorMessage)})
	}
	return snap, nil
}

// books is the invariant evaluated on a snapshot for the requests
// produced so far: every request has a lead, a dead letter, or is pending
// somewhere; none is in no place at all.
type books struct {
	Requests, Leads, DLQ, Pending int
	// Lost are requests in no place.
	Lost []string
	// Overlap counts requests in more than one place at once: a copy of a
	// request re-delivered after a crash (at-least-once) can still wait
	// in a tier while another copy has already made its lead.
	Overlap int
	// Unknown are request ids in outputs that were never produced.
	Unknown []string
}

func (b books) String() string {
	return fmt.Sprintf("requests=%d leads=%d dlq=%d pending=%d overlap=%d lost=%d", b.Requests, b.Leads, b.DLQ, b.Pending, b.Overlap, len(b.Lost))
}

func (s *snapshot) books(produced []request) books {
	b := books{Requests: len(produced)}
	known := map[string]bool{}
	for _, r := range produced {
		known[r.ID] = true
		n := 0
		if len(s.Leads[r.ID]) > 0 {
			b.Leads++
			n++
		}
		if len(s.DLQ[r.ID]) > 0 {
			b.DLQ++
			n++
		}
		if len(s.Pending[r.ID]) > 0 {
			b.Pending++
			n++
		}
		switch {
		case n == 0:
			b.Lost = append(b.Lost, r.ID)
		case n > 1:
			b.Overlap++
		}
	}
	for id := range s.Leads {
		if !known[id] {
			b.Unknown = append(b.Unknown, id)
		}
	}
	sort.Strings(b.Unknown)
	return b
}

// resolved counts requests with a lead or a dead letter.
func (s *snapshot) resolved(reqs []request) int {
	n := 0
	for _, r := range reqs {
		if len(s.Leads[r.ID]) > 0 || len(s.DLQ[r.ID]) > 0 {
			n++
		}
	}
	return n
}

func (s *snapshot) pendingSummary() string {
	var parts []string
	for _, p := range slices.Sorted(maps.Keys(s.Places)) {
		parts = append(parts, fmt.Sprintf("%s=%d", p, s.Places[p]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

// content is what a lead says, the fields the suite compares with the
// crash-free run: everything but its version, times and confidences, and
// its cost unless withCost. (When several requests ask for one company,
// which of them pays for the API calls and which is answered from the
// cache differs from run to run, crash or not.)
func content(l *schemas.EnrichedLead, withCost bool) string {
	cost := "not compared"
	if withCost {
		cost = fmt.Sprintf("%.4f", l.CostUSD)
	}
	execs := make([]string, 0, len(l.Executives))
	for _, e := range l.Executives {
		src := slices.Clone(e.Sources)
		sort.Strings(src)
		execs = append(execs, e.NormalizedName+"["+strings.Join(src, ",")+"]")
	}
	sort.Strings(execs)
	ok, failed := slices.Clone(l.ProvidersOK), slices.Clone(l.ProvidersFailed)
	sort.Strings(ok)
	sort.Strings(failed)
	return fmt.Sprintf("key=%s name=%q number=%s status=%s complete=%t score=%.6f cost_usd=%s ok=%v failed=%v executives=%v",
		l.LeadKey, l.CompanyName, deref(l.CompanyNumber), deref(l.CompanyStatus), l.Complete, l.LeadScore, cost, ok, failed, execs)
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// outcome is how one request ended.
type outcome struct {
	Keys     []string                            // distinct lead keys of its leads
	Versions []int64                             // versions of its leads, in offset order
	Contents []string                            // content of each lead with its cost, in offset order
	Costs    []float64                           // cost_usd of each lead, in offset order
	Final    string                              // content of the final lead as compared with the crash-free run ("" without one)
	DLQ      []string                            // its dead letters
	Last     map[string]*schemas.DiscoveryResult // last result per provider
}

func (s *snapshot) outcomes(reqs []request) map[string]*outcome {
	asked := map[string]int{}
	for _, r := range reqs {
		asked[r.Company.Number]++
	}
	out := map[string]*outcome{}
	for _, r := range reqs {
		o := &outcome{Last: s.LastResult[r.ID]}
		for _, l := range s.Leads[r.ID] {
			if !slices.Contains(o.Keys, l.Lead.LeadKey) {
				o.Keys = append(o.Keys, l.Lead.LeadKey)
			}
			o.Versions = append(o.Versions, l.Lead.Version)
			o.Contents = append(o.Contents, content(l.Lead, true))
			o.Costs = append(o.Costs, l.Lead.CostUSD)
		}
		if n := len(s.Leads[r.ID]); n > 0 {
			o.Final = content(s.Leads[r.ID][n-1].Lead, asked[r.Company.Number] == 1)
		}
		for _, d := range s.DLQ[r.ID] {
			o.DLQ = append(o.DLQ, d.String())
		}
		out[r.ID] = o
	}
	return out
}

// versionsOK says whether a request's versions strictly increase in
// offset order: versions count per lead_key (see leadVersionAnomalies), and
// the aggregator's state is exactly-once, so a version never repeats or
// goes back.
func (o *outcome) versionsOK() bool {
	for i := 1; i < len(o.Versions); i++ {
		if o.Versions[i] <= o.Versions[i-1] {
			return false
		}
	}
	return true
}

// leadVersionAnomalies lists the leads whose version is not above the
// version of the lead before them under the same lead_key, in offset
// order: the lead contract (README, Lead versions) across requests.
func (s *snapshot) leadVersionAnomalies() []string {
	var all []leadRec
	for _, ls := range s.Leads {
		all = append(all, ls...)
	}
	slices.SortFunc(all, func(a, b leadRec) int {
		return cmp.Or(cmp.Compare(a.Partition, b.Partition), cmp.Compare(a.Offset, b.Offset))
	})
	last := map[string]*schemas.EnrichedLead{}
	var out []string
	for _, r := range all {
		if prev := last[r.Lead.LeadKey]; prev != nil && r.Lead.Version <= prev.Version {
			out = append(out, fmt.Sprintf("%s v%d (request %s) after v%d (request %s)", r.Lead.LeadKey, r.Lead.Version,
				r.Lead.RequestID, prev.Version, prev.RequestID))
		}
		last[r.Lead.LeadKey] = r.Lead
	}
	return out
}

// requestOf is the request id of a record of the aggregator's lead results
// topic, "" when it names none.
func requestOf(value []byte) string {
	id, err := aggregator.LeadResultsRequest(value)
	if err != nil {
		return ""
	}
	return id
}

// onlyMarkersFrom says whether partition p of a topic the aggregator
// writes in transactions holds no committed record from offset from: the
// records left are transaction markers, which no consumer commits past.
func onlyMarkersFrom(topic string, recs []*kgo.Record, p int32, from int64) bool {
	if topic != names.LeadResults() {
		return false
	}
	return !slices.ContainsFunc(recs, func(r *kgo.Record) bool { return r.Partition == p && r.Offset >= from })
}
