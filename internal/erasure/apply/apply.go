// Package apply carries out an erasure for the leadgen erase command:
// it previews what an erasure changes (Preview, WritePlan), records it,
// rewrites or tombstones the current leads it affects and purges the
// shared cache (Erase, Summary). The aggregator needs none of this: it
// imports only the runtime set of package erasure.
package apply

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/leadmirror"
	"github.com/leadgen/leadgen/internal/score"
	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/redis/go-redis/v9"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Outcome is what an erasure did.
type Outcome struct {
	Plan
	// Tombstoned are the lead keys a company erasure tombstoned.
	Tombstoned []string
	// ByAggregator are the lead keys of a person erasure whose lead an
	// aggregator holds (every lead it wrote): it writes the new version
	// itself, with its state, in one transaction, as soon as it reads the
	// erasure (or restores the partition, if none is running); it may
	// have already.
	ByAggregator []string
	// Rewritten are the lead keys of a person erasure whose lead no
	// aggregator holds (written before the aggregator kept a state per
	// lead): Erase wrote their new version.
	Rewritten []string
	Cached    int // cache entries purged from Redis
}

// Erase records e, then changes the current leads it affects on the
// compacted leads topic and purges the shared cache. A company erasure
// tombstones the company's lead. A person erasure writes a new version of
// every lead naming the person, without them: the aggregator holding the
// lead writes it, and Erase writes those no aggregator holds. In-process caches of running workers expire on their
// own; the aggregator filters erased people and companies out of every
// lead it builds from now on.
func Erase(ctx context.Context, opts []kgo.Opt, names topics.Names, rdb *redis.Client, e erasure.Erasure) (Outcome, error) {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return Outcome{}, fmt.Errorf("erasure client: %w", err)
	}
	defer cl.Close()
	out := Outcome{Plan: Plan{Erasure: e}}
	if e.Kind == erasure.Person {
		// Read first: an aggregator may rewrite the leads as soon as the
		// erasure is recorded, and the outcome should still name them.
		if out.Plan, err = Preview(ctx, opts, names, e); err != nil {
			return out, err
		}
	}
	if err := erasure.Record(ctx, cl, names.Erasures(), e); err != nil {
		return out, err
	}
	if e.Kind == erasure.Company {
		err = out.tombstone(ctx, cl, opts, names)
	} else {
		err = out.rewrite(ctx, cl, opts, names)
	}
	if err != nil {
		return out, err
	}
	out.Cached, err = purgeCache(ctx, rdb, e)
	return out, err
}

// tombstone erases the leads of the erased company, read once the erasure
// is recorded, so a lead an aggregator emitted just before is not missed.
func (o *Outcome) tombstone(ctx context.Context, cl *kgo.Client, opts []kgo.Opt, names topics.Names) error {
	var err error
	if o.Plan, err = Preview(ctx, opts, names, o.Erasure); err != nil {
		return err
	}
	for _, key := range o.Leads {
		recs, err := leadmirror.Add(names, []*kgo.Record{{Topic: names.Leads(), Key: []byte(key)}}, nil)
		if err != nil {
			return err
		}
		if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
			return fmt.Errorf("tombstone lead %s: %w", key, err)
		}
		o.Tombstoned = append(o.Tombstoned, key)
	}
	return nil
}

// rewrite reads the leads again once the erasure is recorded, writes the
// new version of each that still names the person and that no aggregator
// holds, and leaves the others to the aggregators.
func (o *Outcome) rewrite(ctx context.Context, cl *kgo.Client, opts []kgo.Opt, names topics.Names) error {
	left, err := Preview(ctx, opts, names, o.Erasure)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, key := range left.Leads {
		want[key] = true
	}
	held, err := heldLeads(ctx, opts, names.LeadState(), want)
	if err != nil {
		return err
	}
	for _, key := range left.Leads {
		if l := left.current[key]; !held[key] {
			if err := o.writeWithout(ctx, cl, names, l); err != nil {
				return err
			}
			o.Rewritten = append(o.Rewritten, key)
		}
	}
	for _, key := range left.Leads {
		o.affects(key, left.current[key])
	}
	slices.Sort(o.Leads)
	o.ByAggregator = slices.DeleteFunc(slices.Clone(o.Leads), func(k string) bool { return slices.Contains(o.Rewritten, k) })
	return nil
}

// writeWithout writes the next version of lead l without the people the
// erasure erases, scored again.
func (o *Outcome) writeWithout(ctx context.Context, cl *kgo.Client, names topics.Names, l *schemas.EnrichedLead) error {
	next := *l
	next.Executives = slices.DeleteFunc(slices.Clone(l.Executives), func(x schemas.Executive) bool {
		v, _ := o.Erasure.Judge(l.LeadKey, x)
		return v == erasure.Erased
	})
	next.LeadScore, next.ScoreComponents = score.Rescore(l.ScoreComponents, l.Executives, next.Executives)
	next.ScoreExplanation = score.Reexplain(l.ScoreExplanation, next.ScoreComponents, next.Executives)
	next.Version, next.UpdatedAt = l.Version+1, time.Now().UTC()
	val, err := schemas.EncodeEnrichedLead(&next)
	if err != nil {
		return fmt.Errorf("encode lead %s: %w", l.LeadKey, err)
	}
	recs, err := leadmirror.Add(names, []*kgo.Record{{Topic: names.Leads(), Key: []byte(l.LeadKey), Value: val}}, &next)
	if err != nil {
		return err
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		return fmt.Errorf("write lead %s without the erased person: %w", l.LeadKey, err)
	}
	return nil
}

// heldLeads reads the aggregator's lead state changelog to its stable end
// and says which of the wanted lead keys it holds: their latest record
// there is not a tombstone.
func heldLeads(ctx context.Context, opts []kgo.Opt, topic string, want map[string]bool) (map[string]bool, error) {
	held := map[string]bool{}
	if len(want) == 0 {
		return held, nil
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("aggregator state reader: %w", err)
	}
	defer cl.Close()
	reader := stableread.Reader{Client: cl}
	spans, err := reader.All(ctx, topic)
	if err != nil {
		return nil, fmt.Errorf("aggregator state %s: %w", topic, err)
	}
	_, err = reader.Read(ctx, topic, spans, func(r *kgo.Record) error {
		if id := string(r.Key); want[id] {
			held[id] = r.Value != nil
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read aggregator state %s: %w", topic, err)
	}
	return held, nil
}

// purgeCache deletes the erased company's entries, or every entry naming
// the erased person, from Redis.
func purgeCache(ctx context.Context, rdb *redis.Client, e erasure.Erasure) (int, error) {
	if rdb == nil {
		return 0, nil
	}
	n := 0
	iter := rdb.Scan(ctx, 0, "leadgen:cache:*", 1000).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		hit, err := cachedEntryAffected(ctx, rdb, key, e)
		if err != nil {
			return n, err
		}
		if hit {
			if err := rdb.Del(ctx, key).Err(); err != nil {
				return n, fmt.Errorf("purge %s: %w", key, err)
			}
			n++
		}
	}
	return n, iter.Err()
}

// cachedEntryAffected says whether a cached result is of the erased
// company, or names the erased person; a scoped person erasure purges only
// results that give the company's number.
func cachedEntryAffected(ctx context.Context, rdb *redis.Client, key string, e erasure.Erasure) (bool, error) {
	entry, ok, err := cache.Peek(ctx, rdb, key)
	if err != nil || !ok {
		return false, err
	}
	r := entry.Result
	if e.Kind == erasure.Company {
		return r.CompanyNumber != nil && *r.CompanyNumber == e.Value ||
			r.Company != nil && r.Company.Number != nil && *r.Company.Number == e.Value, nil
	}
	return e.ErasesFrom(r), nil
}
