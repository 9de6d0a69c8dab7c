package erasure

import (
	"context"
	"fmt"
	"slices"

	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/redis/go-redis/v9"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Outcome is what an erasure did.
type Outcome struct {
	Leads  []string // lead keys tombstoned
	Cached int      // cache entries purged from Redis
}

// Apply records e, tombstones every current lead it affects on the
// compacted leads topic, and purges the shared cache. In-process caches of
// running workers expire on their own; the aggregator filters the erased
// person or company out of every lead it builds from now on.
func Apply(ctx context.Context, opts []kgo.Opt, names topics.Names, rdb *redis.Client, e Erasure) (Outcome, error) {
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return Outcome{}, err
	}
	defer cl.Close()
	if err := Record(ctx, cl, names.Erasures(), e); err != nil {
		return Outcome{}, err
	}
	var out Outcome
	if out.Leads, err = affectedLeads(ctx, opts, names.Leads(), e); err != nil {
		return out, err
	}
	for _, key := range out.Leads {
		if err := cl.ProduceSync(ctx, &kgo.Record{Topic: names.Leads(), Key: []byte(key)}).FirstErr(); err != nil {
			return out, fmt.Errorf("tombstone lead %s: %w", key, err)
		}
	}
	out.Cached, err = purgeCache(ctx, rdb, e)
	return out, err
}

// affectedLeads reads the current leads and returns the keys of those that
// name the erased company or person.
func affectedLeads(ctx context.Context, opts []kgo.Opt, topic string, e Erasure) ([]string, error) {
	latest := map[string]*schemas.EnrichedLead{}
	err := leadview.Read(ctx, opts, topic, false, func(ev leadview.Event) { latest[ev.Key] = ev.Lead })
	if err != nil {
		return nil, err
	}
	var keys []string
	for key, l := range latest {
		if l != nil && affects(e, l) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	return keys, nil
}

func affects(e Erasure, l *schemas.EnrichedLead) bool {
	if e.Kind == Company {
		return l.CompanyNumber != nil && *l.CompanyNumber == e.Value || l.LeadKey == e.Value
	}
	return slices.ContainsFunc(l.Executives, func(x schemas.Executive) bool { return x.NormalizedName == e.Value })
}

// purgeCache deletes the erased company's entries, or every entry naming
// the erased person, from Redis.
func purgeCache(ctx context.Context, rdb *redis.Client, e Erasure) (int, error) {
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

func cachedEntryAffected(ctx context.Context, rdb *redis.Client, key string, e Erasure) (bool, error) {
	entry, ok, err := cache.Peek(ctx, rdb, key)
	if err != nil || !ok {
		return false, err
	}
	r := entry.Result
	if e.Kind == Company {
		return r.CompanyNumber != nil && *r.CompanyNumber == e.Value ||
			r.Company != nil && r.Company.Number != nil && *r.Company.Number == e.Value, nil
	}
	return slices.ContainsFunc(r.Executives, func(x schemas.Executive) bool { return x.NormalizedName == e.Value }), nil
}
