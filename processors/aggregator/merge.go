package aggregator

// The lead stage: one owner per lead_key. It reads the request stage's
// output from the LeadResults topic, keyed by lead_key, merges the results
// of every request for the company, numbers the lead's versions and writes
// enriched-leads, with its state (leadState, on the LeadState changelog)
// in the same transaction.

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/leadchange"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// requestResults is a LeadResults record: one request's results, sent by
// the request stage whenever its lead changes, or, with Retract, word that
// the request's company now has another lead_key (its number came late).
type requestResults struct {
	RequestID string            `json:"request_id"`
	Results   map[string][]byte `json:"results,omitempty"` // provider → Avro DiscoveryResult
	Retract   bool              `json:"retract,omitempty"`
}

// leadState is the lead stage's state for one lead_key: the results the
// current lead is built from (the newest of each provider from any request
// for the company, at most one per provider, without erased people), and
// the last version written. It is never evicted: a version must not
// restart.
type leadState struct {
	Partition int32 `json:"partition"`
	kept
	Used      []string  `json:"used"` // providers the current lead is built from
	RequestID string    `json:"request_id"`
	Version   int64     `json:"version"`
	Hash      string    `json:"hash"` // content hash of the last lead; "" after a tombstone
	Touched   time.Time `json:"touched"`

	raw   []byte // the state's encoding, staged for the store
	size  int    // the length of its encoding in the store
	known bool   // the store has a state of this key
}

func (s *leadState) encodedSize() int { return s.size }

// marshal is rr as a LeadResults record's value (Avro, see avro.go).
func (rr requestResults) marshal() []byte {
	b := append(make([]byte, 0, 64+resultsSize(rr.Results)), leadResultsHeader...)
	b = appendString(b, rr.RequestID)
	b = appendBytesMap(b, rr.Results)
	return appendBool(b, rr.Retract)
}

// unmarshalRequestResults reads a LeadResults record's value, Avro or, as
// written before, JSON.
func unmarshalRequestResults(b []byte) (*requestResults, error) {
	var rr requestResults
	if isJSON(b) {
		if err := json.Unmarshal(b, &rr); err != nil {
			return nil, fmt.Errorf("lead results: %w", err)
		}
		return &rr, nil
	}
	r := newAvroReader(b, leadResultsHeader, "lead results")
	rr.RequestID = r.string()
	rr.Results = r.bytesMap()
	rr.Retract = r.bool()
	return &rr, r.end("lead results")
}

// LeadResultsRequest is the request id of a LeadResults record's value
// (topics.Names.LeadResults).
func LeadResultsRequest(value []byte) (string, error) {
	rr, err := unmarshalRequestResults(value)
	if err != nil {
		return "", err
	}
	return rr.RequestID, nil
}

func resultsSize(m map[string][]byte) int {
	n := 0
	for p, r := range m {
		n += len(p) + len(r) + 8
	}
	return n
}

func newLeadState(partition int32) *leadState {
	return &leadState{Partition: partition, kept: newKept()}
}

func (s *leadState) clone() *leadState {
	c := *s
	c.kept = s.kept.copied()
	c.Used = slices.Clone(s.Used)
	return &c
}

// marshal is s as its changelog's value (Avro, see avro.go).
func (s *leadState) marshal() []byte {
	b := append(make([]byte, 0, 128+resultsSize(s.Results)), leadStateHeader...)
	b = appendLong(b, int64(s.Partition))
	b = appendBytesMap(b, s.Results)
	b = appendStrings(b, s.Used)
	b = appendString(b, s.RequestID)
	b = appendLong(b, s.Version)
	b = appendString(b, s.Hash)
	return appendLong(b, nanos(s.Touched))
}

// unmarshalLeadState reads a lead state changelog value, Avro or, as
// written before, JSON.
func unmarshalLeadState(b []byte) (*leadState, error) {
	s, err := decodeLeadState(b)
	if err == nil {
		s.size, s.known = len(b), true
	}
	return s, err
}

func decodeLeadState(b []byte) (*leadState, error) {
	if isJSON(b) {
		return unmarshalState[leadState](b, "lead state")
	}
	r := newAvroReader(b, leadStateHeader, "lead state")
	s := &leadState{Partition: int32(r.long())}
	s.Results = r.bytesMap()
	s.Used = r.strings()
	s.RequestID = r.string()
	s.Version = r.long()
	s.Hash = r.string()
	s.Touched = fromNanos(r.long())
	if err := r.end("lead state"); err != nil {
		return nil, err
	}
	if err := s.decode(); err != nil {
		return nil, fmt.Errorf("lead state, %w", err)
	}
	return s, nil
}

// LeadStateResults are the results a lead state changelog value
// (topics.Names.LeadState) keeps, by provider: Avro DiscoveryResults.
func LeadStateResults(value []byte) (map[string][]byte, error) {
	s, err := unmarshalLeadState(value)
	if err != nil {
		return nil, err
	}
	return s.Results, nil
}

func decodeResults(raw map[string][]byte) (map[string]*schemas.DiscoveryResult, error) {
	out := make(map[string]*schemas.DiscoveryResult, len(raw))
	for p, b := range raw {
		r, err := schemas.DecodeDiscoveryResult(b)
		if err != nil {
			return nil, fmt.Errorf("%s result: %w", p, err)
		}
		out[p] = r
	}
	return out, nil
}

// supersedes says whether result r of a newer request replaces the kept
// result k of the same provider: newest evidence wins, but neither a
// failure nor a "not found" that looked nothing up (see lookedUp) replaces
// an answer younger than maxAge.
func supersedes(r, k *schemas.DiscoveryResult, now time.Time, maxAge time.Duration) bool {
	if k == nil {
		return true
	}
	if r.FetchedAt.Before(k.FetchedAt) {
		return false
	}
	return answered(r) && lookedUp(r) || !answered(k) || now.Sub(k.FetchedAt) > maxAge
}

// lookedUp says whether r is evidence from the provider: anything but a
// NOT_FOUND made without a call or the cache, which a provider answers
// when the request lacks what it looks up by (the website without a
// domain, the appointments without a company number). Such a request is
// narrower, not newer evidence.
func lookedUp(r *schemas.DiscoveryResult) bool {
	return r.Status != schemas.StatusNotFound || r.APICalls > 0 || r.FromCache
}

// add merges a request's results into s and chooses the providers the lead
// is built from: those of this request, and every other provider's kept
// answer no older than maxAge.
func (s *leadState) add(rr *requestResults, results map[string]*schemas.DiscoveryResult, now time.Time, maxAge time.Duration) {
	for p, r := range results {
		if supersedes(r, s.decoded[p], now, maxAge) {
			s.decoded[p], s.Results[p] = r, rr.Results[p]
		}
	}
	s.RequestID = rr.RequestID
	s.choose(func(p string, k *schemas.DiscoveryResult) bool {
		_, asked := results[p]
		return asked || answered(k) && now.Sub(k.FetchedAt) <= maxAge
	})
}

// retract drops the results request id gave; the lead is built from what
// the other requests gave.
func (s *leadState) retract(id string, now time.Time, maxAge time.Duration) {
	for p, k := range s.decoded {
		if k.RequestID == id {
			delete(s.decoded, p)
			delete(s.Results, p)
		}
	}
	s.choose(func(_ string, k *schemas.DiscoveryResult) bool { return answered(k) && now.Sub(k.FetchedAt) <= maxAge })
	if s.RequestID == id && len(s.Used) > 0 {
		// The lead now answers the request of the newest result left.
		newest := slices.MaxFunc(s.Used, func(x, y string) int { return s.decoded[x].FetchedAt.Compare(s.decoded[y].FetchedAt) })
		s.RequestID = s.decoded[newest].RequestID
	}
}

// choose sets the providers the lead is built from, and forgets the other
// results: a stale answer or a failure is never used again, as anything
// newer replaces it.
func (s *leadState) choose(use func(string, *schemas.DiscoveryResult) bool) {
	s.Used = s.Used[:0]
	for _, p := range slices.Sorted(maps.Keys(s.decoded)) {
		if use(p, s.decoded[p]) {
			s.Used = append(s.Used, p)
		} else {
			delete(s.decoded, p)
			delete(s.Results, p)
		}
	}
}

// scrub removes the people erasures remove from the lead of key from the
// results it keeps, so its changelog holds them no longer than the lead.
func (s *leadState) scrub(key string, erased *erasure.Set) error {
	for _, p := range s.Used {
		c, raw, err := withoutErased(key, s.decoded[p], erased)
		if err != nil {
			return err
		}
		if c != nil {
			s.decoded[p], s.Results[p] = c, raw
		}
	}
	return nil
}

// withoutErased is r without the people erasures remove from the lead of
// key, and its encoding; nil when r names none of them.
func withoutErased(key string, r *schemas.DiscoveryResult, erased *erasure.Set) (*schemas.DiscoveryResult, []byte, error) {
	erases := func(x schemas.Executive) bool { return erased.Erases(key, x) }
	if !slices.ContainsFunc(r.Executives, erases) {
		return nil, nil, nil
	}
	kept := slices.DeleteFunc(slices.Clone(r.Executives), erases)
	c := *r
	c.Executives = kept
	raw, err := schemas.EncodeDiscoveryResult(&c)
	if err != nil {
		return nil, nil, fmt.Errorf("%s result without the erased: %w", r.Provider, err)
	}
	return &c, raw, nil
}

// lead builds the lead of the providers used, without version or time,
// for the request merged last; nil when none is used.
func (s *leadState) lead(a *Aggregator) *schemas.EnrichedLead {
	if len(s.Used) == 0 {
		return nil
	}
	e := &entry{kept: kept{decoded: map[string]*schemas.DiscoveryResult{}}}
	for _, p := range s.Used {
		e.decoded[p] = s.decoded[p]
	}
	lead := buildLead(s.RequestID, e, a.erased)
	for _, r := range e.decoded {
		if r.RequestID == s.RequestID {
			lead.RequestedAt = r.RequestedAt
		}
	}
	return lead
}

// leadState returns a copy of the state of key, staged or current.
func (t *txn) leadState(key string, partition int32) (*leadState, error) {
	return current(t.stagedLeads, key, func() (*leadState, bool, error) { return t.a.states.leadState(partition, key) },
		func() *leadState { return newLeadState(partition) }, (*leadState).clone)
}

// merge applies one LeadResults record: a request's results, or a
// forwarded Companies House event (see refresh).
func (t *txn) merge(rec *kgo.Record) {
	if isLeadEvent(rec.Value) {
		t.refresh(rec)
		return
	}
	rr, err := unmarshalRequestResults(rec.Value)
	if err != nil {
		t.undecodable(rec, err)
		return
	}
	results, err := decodeResults(rr.Results)
	if err != nil {
		t.undecodable(rec, fmt.Errorf("lead results of %s: %w", rr.RequestID, err))
		return
	}
	key := string(rec.Key)
	t.settle(key)
	s, err := t.leadState(key, rec.Partition)
	if err != nil {
		t.fail(err)
		return
	}
	var before *leadState
	if s.Hash != "" {
		before = s.clone()
	}
	now, maxAge := t.a.cfg.Now().UTC(), t.a.cfg.EvidenceMaxAge
	if rr.Retract {
		s.retract(rr.RequestID, now, maxAge)
	} else {
		s.add(rr, results, now, maxAge) // unmarshalled bytes share no fetch buffer
	}
	s.Touched = now
	t.stageLead([]*kgo.Record{rec}, key, s, before, nil)
}

// stageLead writes what the changed state s of key writes, on behalf of
// recs; before is s as it was, cause what changed it when Companies House
// events did.
func (t *txn) stageLead(recs []*kgo.Record, key string, s, before *leadState, cause *string) {
	fx, err := t.leadEffects(key, s, before, cause)
	if err != nil {
		t.fail(err)
		return
	}
	if err := t.a.limits.check(fx.recs); err != nil {
		for _, rec := range recs {
			t.deadLetter(rec, "aggregator", err)
		}
		return
	}
	t.stagedLeads[key] = s
	if fx.lead != nil {
		t.built[key] = fx.lead
	}
	t.write(recs, fx)
}

// leadEffects is what s writes now: a new version of the lead when its
// content changed (a tombstone when it has no lead, or its company is
// erased, whose results s then forgets) with what changed since the lead
// of before, and the state.
func (t *txn) leadEffects(key string, s, before *leadState, cause *string) (effects, error) {
	var fx effects
	if before == nil {
		delete(t.built, key) // an erasure's version is not described, nor kept as a before
	}
	if err := s.scrub(key, t.a.erased); err != nil {
		return fx, fmt.Errorf("lead %s: %w", key, err)
	}
	prevVersion := s.Version
	if err := t.emitLead(key, s, &fx); err != nil {
		return fx, err
	}
	if err := t.describe(key, before, prevVersion, cause, &fx); err != nil {
		return fx, err
	}
	s.raw = s.marshal()
	fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.LeadState(), Partition: s.Partition, Key: []byte(key), Value: s.raw})
	return fx, nil
}

// describe adds to fx what changed between the lead of before (version
// prev) and the version fx carries, when it carries one and before had a
// lead. Erased people are in neither lead, so no change names them.
func (t *txn) describe(key string, before *leadState, prev int64, cause *string, fx *effects) error {
	if fx.lead == nil || before == nil || before.Hash == "" {
		return nil
	}
	old, ok := t.built[key]
	if !ok {
		old = before.lead(t.a)
	}
	if old == nil {
		return nil
	}
	items := leadchange.Describe(old, fx.lead)
	if len(items) == 0 {
		return nil
	}
	l := fx.lead
	v, err := schemas.EncodeLeadChange(&schemas.LeadChange{LeadKey: key, CompanyName: l.CompanyName, CompanyNumber: l.CompanyNumber,
		Version: l.Version, PreviousVersion: prev, Changes: items, Cause: cause, ChangedAt: l.UpdatedAt})
	if err != nil {
		return fmt.Errorf("encode the changes of lead %s: %w", key, err)
	}
	fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.LeadChanges(), Key: []byte(key), Value: v})
	return nil
}

// emitLead adds the next version of the lead to fx when its content
// changed.
func (t *txn) emitLead(key string, s *leadState, fx *effects) error {
	lead := s.lead(t.a)
	erasedCompany := lead != nil && lead.CompanyNumber != nil && t.a.erased.Company(*lead.CompanyNumber)
	if erasedCompany {
		// Keep the version only: nothing of an erased company is kept.
		s.Results, s.decoded, s.Used = map[string][]byte{}, map[string]*schemas.DiscoveryResult{}, nil
	}
	if lead == nil || erasedCompany {
		if s.Hash != "" {
			fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.Leads(), Key: []byte(key)})
		}
		s.Hash = ""
		return nil
	}
	lead.LeadKey = key // a name-keyed company found by number later is retracted from here
	hash, _, err := contentHash(lead)
	if err != nil {
		return fmt.Errorf("hash lead %s: %w", key, err)
	}
	if hash == s.Hash {
		return nil
	}
	s.Version++
	s.Hash = hash
	lead.Version, lead.UpdatedAt = s.Version, t.a.cfg.Now().UTC()
	val, err := schemas.EncodeEnrichedLead(lead)
	if err != nil {
		return fmt.Errorf("encode lead %s: %w", key, err)
	}
	fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.Leads(), Key: []byte(key), Value: val})
	fx.lead = lead
	return nil
}
