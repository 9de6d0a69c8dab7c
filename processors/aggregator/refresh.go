package aggregator

// Live refresh: the watch role writes each Companies House streaming API
// event of a watched company that can change a lead (an officer, an
// individual PSC, the company's profile) twice, in one transaction: to
// companies-house-events, and, wrapped by RefreshRecord, to the lead
// stage's input, keyed by the company's lead_key. The lead stage applies
// it to the companies_house result the lead keeps, with no call to the
// API, and writes the lead's next version and what changed.

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// RefreshRecord is the record that hands the aggregator's lead stage ev,
// whose companies-house-events value is value: for the LeadResults topic,
// keyed by the lead_key of ev's company, to be written in the transaction
// that writes the event. ok is false for an event that cannot change a
// lead.
func RefreshRecord(names topics.Names, ev *schemas.CompaniesHouseEvent, value []byte) (r *kgo.Record, ok bool) {
	if !companieshouse.Refreshes(ev.ResourceKind) || ev.CompanyNumber == "" {
		return nil, false
	}
	v := appendBytes(append(make([]byte, 0, len(leadEventHeader)+len(value)+8), leadEventHeader...), value)
	return &kgo.Record{Topic: names.LeadResults(), Key: []byte(strings.ToUpper(ev.CompanyNumber)), Value: v}, true
}

// isLeadEvent says whether a LeadResults value is a forwarded event.
func isLeadEvent(b []byte) bool { return bytes.HasPrefix(b, leadEventHeader) }

// refresh applies a forwarded event to the lead of its key. A lead that
// keeps no companies_house answer, or one newer than the event, is left as
// it is; so is one the event does not change. The events of one lead in
// one transaction make one version (see settle): under a backlog a batch
// holds many events of a busy company, and building the lead once for
// them all is what lets the lead stage keep up with the stream.
func (t *txn) refresh(rec *kgo.Record) {
	r := newAvroReader(rec.Value, leadEventHeader, "lead event")
	raw := r.bytes()
	if err := r.end("lead event"); err != nil {
		t.undecodable(rec, err)
		return
	}
	ev, err := schemas.DecodeCompaniesHouseEvent(raw)
	if err != nil {
		t.undecodable(rec, fmt.Errorf("lead event: %w", err))
		return
	}
	key := string(rec.Key)
	p := t.refreshing[key]
	var s *leadState
	if p != nil {
		s = p.state
	} else if s, err = t.leadState(key, rec.Partition); err != nil {
		t.fail(err)
		return
	}
	const ch = companieshouse.ProviderName
	kept := s.decoded[ch]
	if kept == nil || ev.ReceivedAt.Before(kept.FetchedAt) {
		return
	}
	updated, changed, err := companieshouse.ApplyEvent(kept, ev)
	if err != nil {
		t.deadLetter(rec, ch, err)
		return
	}
	if !changed {
		return
	}
	if p == nil {
		p = &pendingRefresh{state: s, before: s.clone()}
		t.refreshing[key] = p
	}
	s.decoded[ch] = updated // encoded once, when it settles
	s.Touched = t.a.cfg.Now().UTC()
	p.recs = append(p.recs, rec)
	p.causes = append(p.causes, fmt.Sprintf("%s event %d", ev.Stream, ev.Timepoint))
}

// pendingRefresh is a lead's state with the events of this transaction
// applied, waiting to make one version.
type pendingRefresh struct {
	state, before *leadState
	recs          []*kgo.Record
	causes        []string
}

// settle writes the version the events pending for key made, before
// anything else of this transaction reads the lead's state, or at its end.
// One lead_changes record names every event; a version too large for its
// topic dead-letters them all.
func (t *txn) settle(key string) {
	p := t.refreshing[key]
	if p == nil {
		return
	}
	delete(t.refreshing, key)
	const ch = companieshouse.ProviderName
	enc, err := schemas.EncodeDiscoveryResult(p.state.decoded[ch])
	if err != nil {
		t.fail(fmt.Errorf("lead %s: encode the refreshed %s result: %w", key, ch, err))
		return
	}
	p.state.Results[ch] = enc
	cause := strings.Join(p.causes, ", ")
	t.stageLead(p.recs, key, p.state, p.before, &cause)
}

// settleAll settles every lead with events pending, in key order; not in
// a transaction that already failed, which aborts and reads them again.
func (t *txn) settleAll() {
	if t.failed() != nil {
		return
	}
	for _, key := range slices.Sorted(maps.Keys(t.refreshing)) {
		t.settle(key)
	}
}
