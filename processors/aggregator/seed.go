package aggregator

import (
	"context"
	"fmt"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// seeded is the state seedVersions gives a key.
type seeded struct {
	key   string
	state *leadState
}

// seedVersions returns, for every key of the lead partitions ids
// that has a lead on enriched-leads but no lead state, a state holding
// only the highest version that topic has of it, so the lead stage numbers
// the key's next lead above it; it returns how many keys it seeded. Such
// leads were written by a leadgen that numbered versions per request,
// before the lead stage kept its state: without this, an upgraded
// aggregator would start those keys at version 1 again, and a consumer
// keeping the highest version would ignore their new leads. Compaction
// keeps the last record per key, so the topic always has the version to
// seed from. A tombstone keeps the version before it. has says whether a
// key has a lead state.
func seedVersions(ctx context.Context, cl *kgo.Client, names topics.Names, ids []int32, has func(int32, string) (bool, error)) ([]seeded, error) {
	reader := stableread.Reader{Client: cl}
	leadParts, err := reader.All(ctx, names.LeadResults())
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", names.LeadResults(), err)
	}
	spans, err := reader.All(ctx, names.Leads())
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", names.Leads(), err)
	}
	// A key's lead stage partition, as the request stage's producer picks it.
	partition := kgo.StickyKeyPartitioner(nil).ForTopic(names.LeadResults())
	seeds := map[int32]map[string]int64{}
	for _, id := range ids {
		seeds[id] = map[string]int64{}
	}
	_, err = reader.Read(ctx, names.Leads(), spans, func(r *kgo.Record) error {
		p := int32(partition.Partition(r, len(leadParts)))
		if seeds[p] == nil || r.Value == nil {
			return nil
		}
		if ok, err := has(p, string(r.Key)); ok || err != nil {
			return err
		}
		lead, err := schemas.DecodeEnrichedLead(r.Value)
		if err != nil {
			return nil // an undecodable lead has no version to keep
		}
		seeds[p][string(r.Key)] = max(seeds[p][string(r.Key)], lead.Version)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read versions from %s: %w", names.Leads(), err)
	}
	var out []seeded
	for p, keys := range seeds {
		for key, version := range keys {
			s := newLeadState(p)
			s.Version = version
			out = append(out, seeded{key, s})
		}
	}
	return out, nil
}
