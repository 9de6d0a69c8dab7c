package status

import (
	"context"
	"fmt"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// calls sums the API calls of one provider's sampled results.
type calls struct {
	results int
	total   int64
}

func (c calls) mean() float64 {
	if c.results == 0 {
		return 0
	}
	return float64(c.total) / float64(c.results)
}

// counted says whether a result tells what a lead costs the provider's own
// quota: answered by its own API, not the cache (no calls) nor a
// secondary source (another API's quota). Failed results carry no calls
// and are left out too.
func counted(r *schemas.DiscoveryResult) bool {
	return r.Layer == schemas.LayerPrimary && !r.FromCache
}

// sampleCalls reads the last n committed records of every partition of the
// results topic, up to the stable end it has now, and sums their API
// calls by provider. Records that do not decode are skipped: they are not
// results.
func sampleCalls(ctx context.Context, cl *kgo.Client, topic string, n int) (map[string]calls, error) {
	spans, err := lastSpans(ctx, kadm.NewClient(cl), topic, int64(n))
	if err != nil || len(spans) == 0 {
		return nil, err
	}
	out := map[string]calls{}
	_, err = stableread.Reader{Client: cl}.Read(ctx, topic, spans, func(rec *kgo.Record) error {
		r, derr := schemas.DecodeDiscoveryResult(rec.Value)
		if derr != nil || !counted(r) {
			return nil
		}
		c := out[r.Provider]
		c.results++
		c.total += int64(r.APICalls)
		out[r.Provider] = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sample %s: %w", topic, err)
	}
	return out, nil
}

// lastSpans is the last n offsets below the stable end of every partition
// of topic that has any.
func lastSpans(ctx context.Context, adm *kadm.Client, topic string, n int64) (map[int32]stableread.Span, error) {
	starts, err := listed(adm.ListStartOffsets(ctx, topic))
	if err != nil {
		return nil, fmt.Errorf("list start offsets: %w", err)
	}
	ends, err := listed(adm.ListCommittedOffsets(ctx, topic))
	if err != nil {
		return nil, fmt.Errorf("list stable end offsets: %w", err)
	}
	spans := map[int32]stableread.Span{}
	ends.Each(func(e kadm.ListedOffset) {
		s, _ := starts.Lookup(topic, e.Partition)
		if from := max(s.Offset, e.Offset-n); from < e.Offset {
			spans[e.Partition] = stableread.Span{From: from, To: e.Offset}
		}
	})
	return spans, nil
}
