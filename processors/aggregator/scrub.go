package aggregator

// A request's state keeps its results as the providers sent them, erased
// people included, until the retention expires it: the request stage
// leaves them out of what it forwards, but the state is stored data too.
// So an erasure also rewrites the state of every request of the owned
// partitions that names an erased person, or holds people of an erased
// company, on the changelog and in the store, in the transaction that
// rewrites the leads; the store then compacts those partitions, so the
// values overwritten leave its files. It costs one pass over the owned
// requests' states per erasure.

import (
	"context"
	"fmt"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/statestore"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// scrubbed is a request state rewritten without the erased.
type scrubbed = keyed[*entry]

// scrubCandidates are the states of the owned request partitions of parts
// that name someone an erasure removes, rewritten without them.
func (a *Aggregator) scrubCandidates(parts map[int32]bool) ([]scrubbed, error) {
	return collectOwned(a.states, spaceRequests, parts, unmarshalEntry, func(_ string, e *entry) (bool, error) {
		return e.scrub(a.erased)
	})
}

// scrub removes from e's results the people the erasures remove from its
// lead, or all its people when its company is erased; it says whether it
// removed anyone.
func (e *entry) scrub(erased *erasure.Set) (bool, error) {
	changed := false
	for p := range e.decoded {
		c, err := e.scrubOne(p, erased)
		if err != nil {
			return false, err
		}
		changed = changed || c
	}
	return changed, nil
}

// scrubOne is scrub for the result of provider p.
func (e *entry) scrubOne(p string, erased *erasure.Set) (bool, error) {
	key := e.LeadKey
	if key == "" {
		r := e.decoded[p]
		key = leadKey(&schemas.EnrichedLead{CompanyName: r.CompanyName, CompanyNumber: r.CompanyNumber})
	}
	r := e.decoded[p]
	c, raw, err := withoutErased(key, r, erased)
	if erased.Company(key) && len(r.Executives) > 0 {
		c = &schemas.DiscoveryResult{}
		*c = *r
		c.Executives = nil
		raw, err = schemas.EncodeDiscoveryResult(c)
	}
	if err != nil || c == nil {
		return false, err
	}
	e.decoded[p], e.Results[p] = c, raw
	return true, nil
}

// rescrubbed stages a scrubbed request state and writes it to the
// changelog.
func (t *txn) rescrubbed(r scrubbed) {
	val, err := r.state.marshal()
	if err != nil {
		t.fail(fmt.Errorf("state of request %s: %w", r.key, err))
		return
	}
	r.state.raw = val
	t.staged[r.key] = r.state
	t.produce(&kgo.Record{Topic: t.a.cfg.Names.AggregatorState(), Partition: r.state.Partition, Key: []byte(r.key), Value: val})
}

// compactErased compacts the store's partitions whose states were
// rewritten, so the values that named the erased leave its files.
func (a *Aggregator) compactErased(ctx context.Context, requests []scrubbed, leads []candidate) {
	type part struct {
		sp statestore.Space
		p  int32
	}
	parts := map[part]bool{}
	for _, r := range requests {
		parts[part{spaceRequests, r.state.Partition}] = true
	}
	for _, c := range leads {
		parts[part{spaceLeads, c.state.Partition}] = true
	}
	for k := range parts {
		if err := a.states.db.Compact(ctx, k.sp, k.p); err != nil && ctx.Err() == nil {
			a.cfg.Logger.Warn("compacting the state store after an erasure", "err", err)
		}
	}
}
