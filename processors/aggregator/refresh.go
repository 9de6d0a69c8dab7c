package aggregator

// Live refresh: the watch role produces the Companies House streaming
// API's events of watched companies to companies-house-events, which the
// aggregator's group reads too. The request stage forwards each event
// that can change a lead (an officer, an individual PSC, the company's
// profile) to the lead stage's owner of the company's lead_key; the lead
// stage applies it to the companies_house result the lead keeps, with no
// call to the API, and writes the lead's next version and what changed.

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// forwardEvent sends a companies-house-events record that can change a
// lead to the lead stage, keyed by the lead_key of its company.
func (t *txn) forwardEvent(rec *kgo.Record) {
	ev, err := schemas.DecodeCompaniesHouseEvent(rec.Value)
	if err != nil {
		t.undecodable(rec, err)
		return
	}
	if !companieshouse.Refreshes(ev.ResourceKind) || ev.CompanyNumber == "" {
		return
	}
	value := appendBytes(append(make([]byte, 0, len(leadEventHeader)+len(rec.Value)+8), leadEventHeader...), rec.Value)
	t.produceFor(rec, &kgo.Record{Topic: t.a.cfg.Names.LeadResults(), Key: []byte(strings.ToUpper(ev.CompanyNumber)), Value: value})
}

// isLeadEvent says whether a LeadResults value is a forwarded event.
func isLeadEvent(b []byte) bool { return bytes.HasPrefix(b, leadEventHeader) }

// refresh applies a forwarded event to the lead of its key. A lead that
// keeps no companies_house answer, or one newer than the event, is left as
// it is; so is one the event does not change.
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
	s, err := t.leadState(key, rec.Partition)
	if err != nil {
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
	enc, err := schemas.EncodeDiscoveryResult(updated)
	if err != nil {
		t.fail(fmt.Errorf("lead %s: encode the refreshed %s result: %w", key, ch, err))
		return
	}
	before := s.clone()
	s.decoded[ch], s.Results[ch] = updated, enc
	s.Touched = t.a.cfg.Now().UTC()
	cause := fmt.Sprintf("%s event %d", ev.Stream, ev.Timepoint)
	t.stageLead(rec, key, s, before, &cause)
}
