package aggregator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/leadmirror"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/statestore"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// txn is one batch's staged state and outputs.
type txn struct {
	a      *Aggregator
	ctx    context.Context
	staged map[string]*entry // request id → request stage state
	// stagedLeads are the lead stage's states, by lead key.
	stagedLeads map[string]*leadState
	// built are the leads of staged lead states that made a version in
	// this transaction, by lead key: the "before" of the next change to
	// the same lead, which then need not be built again.
	built map[string]*schemas.EnrichedLead
	// refreshing are the leads Companies House events changed in this
	// transaction, by lead key, until they settle into one version each.
	refreshing map[string]*pendingRefresh
	firsts     []*schemas.EnrichedLead // each request's first lead, for latency metrics on commit
	emitted    []*schemas.EnrichedLead // every version, logged on commit
	leads      map[bool]int            // versions emitted, by complete
	evicted    []evicted

	mu  sync.Mutex
	err error // a record could not be written: abort
	// written are the next offsets of the changelog partitions the
	// transaction wrote, the checkpoints its commit makes.
	written map[statestore.Space]map[int32]int64
}

func newTxn(a *Aggregator, ctx context.Context) *txn {
	return &txn{a: a, ctx: ctx, staged: map[string]*entry{}, stagedLeads: map[string]*leadState{},
		built: map[string]*schemas.EnrichedLead{}, refreshing: map[string]*pendingRefresh{}, leads: map[bool]int{}}
}

// entry returns a copy of the state of request id, staged or current.
func (t *txn) entry(id string, partition int32) (*entry, error) {
	return current(t.staged, id, func() (*entry, bool, error) { return t.a.states.entry(partition, id) },
		func() *entry { return newEntry(partition) }, (*entry).clone)
}

// effects are what applying one record writes: its records (results for
// the lead stage, a lead, a tombstone, the state), the lead version
// emitted and a request's first lead. They are checked together and
// written together, or not at all.
type effects struct {
	recs  []*kgo.Record
	lead  *schemas.EnrichedLead
	first *schemas.EnrichedLead
}

func (t *txn) apply(rec *kgo.Record) {
	if t.failed() != nil {
		return
	}
	if cause := t.a.quarantine.take(rec); cause != nil {
		t.deadLetter(rec, "aggregator", cause)
		return
	}
	if rec.Topic == t.a.cfg.Names.LeadResults() {
		t.merge(rec)
		return
	}
	res, err := schemas.DecodeDiscoveryResult(rec.Value)
	if err != nil {
		t.undecodable(rec, err)
		return
	}
	e, err := t.entry(res.RequestID, rec.Partition)
	if err != nil {
		t.fail(err)
		return
	}
	if err := conflict(e, res); err != nil {
		t.deadLetter(rec, res.Provider, err)
		return
	}
	fx, err := t.step(res, e, rec)
	if err != nil {
		t.fail(err)
		return
	}
	if err := t.a.limits.check(fx.recs); err != nil {
		t.deadLetter(rec, res.Provider, err)
		return
	}
	t.staged[res.RequestID] = e
	t.write([]*kgo.Record{rec}, fx)
}

// step adds res to e and returns what that writes: the request's results
// for the lead stage when what it sends changed, and the state.
func (t *txn) step(res *schemas.DiscoveryResult, e *entry, rec *kgo.Record) (effects, error) {
	prev, prevRaw := e.decoded[res.Provider], e.Results[res.Provider]
	e.decoded[res.Provider] = res
	// A copy: the record's value shares the fetch buffer, which would stay
	// in memory for as long as the entry.
	e.Results[res.Provider] = bytes.Clone(rec.Value)
	// Erased people are not kept, even in a request's state.
	if _, err := e.scrubOne(res.Provider, t.a.erased); err != nil {
		return effects{}, err
	}
	// A provider's answer again, as its worker writes it when it looks
	// the request up a second time (delivery to the workers is
	// at-least-once: after a crash it re-delivers): the request keeps the
	// result it has, so what it sends does not change. Sent again, the
	// lead stage would make a version of it whenever another request for
	// the company had made the lead's version since: a version with the
	// content of this request's version before.
	if same, err := sameAnswer(prev, e.decoded[res.Provider]); err != nil {
		return effects{}, err
	} else if same {
		e.decoded[res.Provider], e.Results[res.Provider] = prev, prevRaw
	}
	e.Touched = t.a.cfg.Now().UTC()
	if e.Since.IsZero() {
		e.Since = e.Touched
	}
	if len(e.Expected) == 0 {
		e.Expected = res.ExpectedProviders
	}
	if len(e.Expected) == 0 {
		e.Expected = worker.Expected(nil, t.a.cfg.Enabled)
	}
	return t.effectsOf(res.RequestID, e)
}

// sameAnswer says whether r is the answer prev was, but for how it was
// got: when, how fast, and by a call or from the cache at what cost (a
// lookup made again for the same request, which the cache may answer
// with another request's copy of the answer at no cost; the request
// paid for the first).
func sameAnswer(prev, r *schemas.DiscoveryResult) (bool, error) {
	if prev == nil || r == nil {
		return false, nil
	}
	a, b := *prev, *r
	for _, x := range []*schemas.DiscoveryResult{&a, &b} {
		x.FetchedAt, x.LatencyMs, x.APICalls, x.FromCache, x.CostUSD = time.Time{}, 0, 0, false, 0
	}
	x, err := schemas.EncodeDiscoveryResult(&a)
	if err != nil {
		return false, fmt.Errorf("%s result: %w", prev.Provider, err)
	}
	y, err := schemas.EncodeDiscoveryResult(&b)
	if err != nil {
		return false, fmt.Errorf("%s result: %w", r.Provider, err)
	}
	return bytes.Equal(x, y), nil
}

// effectsOf is what e's results write now: the results, for the lead
// stage, when every expected provider has reported and what they send
// changed, and the state.
func (t *txn) effectsOf(id string, e *entry) (effects, error) {
	var fx effects
	if e.reported() {
		if err := t.forward(id, e, &fx); err != nil {
			return fx, err
		}
	}
	val, err := e.marshal()
	if err != nil {
		return fx, err
	}
	e.raw = val
	fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.AggregatorState(), Partition: e.Partition, Key: []byte(id), Value: val})
	return fx, nil
}

// forward adds the request's results to fx, for the lead stage, when what
// it sends changed: the lead stage builds the lead, and makes no new
// version of one whose content did not change. When the lead's key changed
// (the company got its number late), the request's results are retracted
// from the lead of the old key, so one company has one lead. A lead too
// large for its topic is dead-lettered by the lead stage.
func (t *txn) forward(id string, e *entry, fx *effects) error {
	key, number := keyOf(e)
	rr := requestResults{RequestID: id, Retract: true}
	if number == nil || !t.a.erased.Company(*number) {
		// Nothing of an erased company goes further: its results are
		// retracted, so the lead stage drops what it holds of it.
		out, err := t.forwarded(key, e)
		if err != nil {
			return fmt.Errorf("results of %s: %w", id, err)
		}
		rr.Results, rr.Retract = out, false
	}
	val := rr.marshal()
	hash := sentHash(key, val)
	same, err := t.unchanged(id, e, hash)
	if err != nil {
		return err
	}
	if same {
		e.Hash = hash // a lead's hash, kept before, is replaced
		return nil
	}
	if e.LeadKey != "" && e.LeadKey != key {
		t.toLeadStage(e.LeadKey, requestResults{RequestID: id, Retract: true}, fx)
	}
	e.Version++
	e.Hash, e.LeadKey = hash, key
	if e.Version == 1 && !rr.Retract {
		fx.first = firstLead(id, e)
	}
	fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.LeadResults(), Key: []byte(key), Value: val})
	return nil
}

// sentPrefix marks a hash of what the request stage sent. A hash without
// it is of the request's own lead, as a leadgen whose request stage built
// the lead kept it.
const sentPrefix = "sent:"

// sentHash identifies what the request stage sent the lead stage: the
// lead key and the LeadResults value, so an identical result sends
// nothing again.
func sentHash(key string, val []byte) string {
	h := sha256.New()
	h.Write([]byte(key))
	h.Write([]byte{0})
	h.Write(val)
	return sentPrefix + hex.EncodeToString(h.Sum(nil))
}

// unchanged says whether e's results send what they last sent, of which
// hash is the hash. A state kept by a leadgen that hashed the request's
// own lead is compared as that leadgen did, so a result re-delivered
// after an upgrade sends nothing either.
func (t *txn) unchanged(id string, e *entry, hash string) (bool, error) {
	if e.Hash == hash {
		return true, nil
	}
	if e.Hash == "" || strings.HasPrefix(e.Hash, sentPrefix) {
		return false, nil
	}
	lead, _, err := contentHash(buildLead(id, e, t.a.erased))
	if err != nil {
		return false, fmt.Errorf("hash lead of %s: %w", id, err)
	}
	return lead == e.Hash, nil
}

// firstLead is what the metrics of a request's first lead read (when it
// was requested, what it cost), without building the lead.
func firstLead(id string, e *entry) *schemas.EnrichedLead {
	results := e.results()
	l := &schemas.EnrichedLead{RequestID: id, RequestedAt: results[0].RequestedAt}
	for _, r := range results {
		l.CostUSD += r.CostUSD
	}
	return l
}

// forwarded are e's results as the lead stage gets them: without the
// people erased from the lead of key, who are never written again.
func (t *txn) forwarded(key string, e *entry) (map[string][]byte, error) {
	out := maps.Clone(e.Results)
	for p, r := range e.decoded {
		_, raw, err := withoutErased(key, r, t.a.erased)
		if err != nil {
			return nil, err
		}
		if raw != nil {
			out[p] = raw
		}
	}
	return out, nil
}

// toLeadStage adds a LeadResults record for the lead key to fx.
func (t *txn) toLeadStage(key string, rr requestResults, fx *effects) {
	fx.recs = append(fx.recs, &kgo.Record{Topic: t.a.cfg.Names.LeadResults(), Key: []byte(key), Value: rr.marshal()})
}

// write produces the effects of the input records srcs (one result, or
// the events of one lead), with their enriched-leads.json mirror when it
// is on, and notes the lead it emitted.
func (t *txn) write(srcs []*kgo.Record, fx effects) {
	recs, err := leadmirror.Add(t.a.cfg.Names, fx.recs, fx.lead)
	if err != nil {
		t.fail(err)
		return
	}
	for _, r := range recs {
		t.produceFor(srcs, r)
	}
	if fx.first != nil {
		t.firsts = append(t.firsts, fx.first)
	}
	if l := fx.lead; l != nil {
		t.leads[l.Complete]++
		t.emitted = append(t.emitted, l)
	}
}

// undecodable dead-letters a result nobody can read, in the transaction.
func (t *txn) undecodable(rec *kgo.Record, err error) {
	t.a.cfg.Metrics.Undecodable.WithLabelValues(rec.Topic).Inc()
	t.a.cfg.Logger.Warn("undecodable discovery result sent to the dead-letter topic", "partition", rec.Partition,
		"offset", rec.Offset, "err", err)
	out := route.Record(rec, t.a.cfg.Names.DLQ(), route.Failure{Provider: "aggregator", Attempt: 1, Class: failure.Undecodable, Err: err}, t.a.cfg.Now())
	t.produce(out)
}

func (t *txn) produce(r *kgo.Record) { t.produceFor(nil, r) }

// produceFor writes r on behalf of the input records srcs (none: the
// batch itself). A write the broker refuses for the record's own fault
// quarantines srcs: the batch aborts, and when it is read again they go to
// the dead-letter topic and the rest commits.
func (t *txn) produceFor(srcs []*kgo.Record, r *kgo.Record) {
	t.a.sess.Produce(t.ctx, r, func(r *kgo.Record, err error) {
		if err == nil {
			t.wrote(r)
			return
		}
		err = fmt.Errorf("produce to %s: %w", r.Topic, err)
		if recordFault(err) {
			for _, src := range srcs {
				t.a.quarantine.add(src, err)
			}
		}
		t.fail(err)
	})
}

// fail records the first error; produce callbacks call it concurrently.
func (t *txn) fail(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err == nil {
		t.err = err
	}
}

func (t *txn) failed() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// wrote notes the offset of a changelog record the broker took.
func (t *txn) wrote(r *kgo.Record) {
	sp, ok := t.a.spaceOf(r.Topic)
	if !ok {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.written == nil {
		t.written = map[statestore.Space]map[int32]int64{}
	}
	if t.written[sp] == nil {
		t.written[sp] = map[int32]int64{}
	}
	t.written[sp][r.Partition] = max(t.written[sp][r.Partition], r.Offset+1)
}

// evict erases the state of requests idle for longer than the retention:
// a tombstone on the changelog, and the state dropped on commit. It reads
// the store's expiry index up to the cut-off only.
func (t *txn) evict(before time.Time) {
	for _, p := range t.a.states.ownedOf(spaceRequests) {
		err := t.a.states.db.Expired(spaceRequests, p, before, func(id string, at time.Time) error {
			ev := evicted{id: id, partition: p, at: at}
			raw, ok, err := t.a.states.db.Get(spaceRequests, p, id)
			if err != nil {
				return err
			}
			touched := at
			if ok {
				if touched, err = touchedOf(raw); err != nil {
					return err
				}
			}
			// An entry indexed again since, or gone, leaves a stale index entry.
			ev.stale = !ok || touched.Unix() != at.Unix()
			t.evicted = append(t.evicted, ev)
			if !ev.stale {
				t.produce(&kgo.Record{Topic: t.a.cfg.Names.AggregatorState(), Partition: p, Key: []byte(id)})
			}
			return nil
		})
		if err != nil {
			t.fail(fmt.Errorf("expire requests of partition %d: %w", p, err))
			return
		}
	}
}

// evicted is a request whose state expired, or a stale index entry.
type evicted struct {
	id        string
	partition int32
	at        time.Time // where the expiry index has it
	stale     bool      // the index entry only: the state was indexed again or is gone
}

// publish makes a committed batch's staged state current, for the
// partitions this member still owns: in the store, then in the waitlist.
// A store that cannot take it stops the aggregator: later batches would
// build on a state that is not the changelog's; a restart replays it.
func (t *txn) publish() {
	if err := t.a.states.commit(t, t.a.cfg.Now()); err != nil {
		t.a.fail(err)
		return
	}
	for _, ev := range t.evicted {
		if _, restaged := t.staged[ev.id]; !restaged && !ev.stale {
			t.a.waiting.remove(ev.partition, ev.id)
		}
	}
	for id, e := range t.staged {
		if t.a.states.owns(spaceRequests, e.Partition) {
			t.a.waiting.set(id, e)
		}
	}
	m := t.a.cfg.Metrics
	now := t.a.cfg.Now()
	for _, l := range t.firsts {
		// A requested_at outside the sane range (flagged by the provider
		// workers) would put years, or a negative time, into the histogram.
		if requestcheck.RequestedAtInRange(l.RequestedAt, now) {
			m.RequestToLead.Observe(now.Sub(l.RequestedAt).Seconds())
		}
		m.LeadCost.Observe(l.CostUSD)
	}
	for _, l := range t.emitted {
		t.a.cfg.Logger.Info("lead emitted", "request_id", l.RequestID, "lead_key", l.LeadKey, "version", l.Version,
			"complete", l.Complete, "score", l.LeadScore, "people", len(l.Executives), "providers_failed", l.ProvidersFailed)
	}
	for complete, n := range t.leads {
		m.Leads.WithLabelValues(strconv.FormatBool(complete)).Add(float64(n))
	}
}
