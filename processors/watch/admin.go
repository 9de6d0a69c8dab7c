package watch

import (
	"context"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Add watches companies: one entry each on the watchlist, from source
// (schemas.WatchFromCLI for an operator), acknowledged before it returns.
func Add(ctx context.Context, cl *kgo.Client, names topics.Names, source string, at time.Time, companies ...string) error {
	recs := make([]*kgo.Record, 0, len(companies))
	for _, c := range companies {
		v, err := schemas.EncodeWatchEntry(&schemas.WatchEntry{CompanyNumber: c, Source: source, AddedAt: at})
		if err != nil {
			return err
		}
		recs = append(recs, &kgo.Record{Topic: names.Watchlist(), Key: []byte(c), Value: v})
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		return fmt.Errorf("watch %d companies: %w", len(companies), err)
	}
	return nil
}

// Remove stops watching companies: a tombstone each on the watchlist,
// acknowledged before it returns.
func Remove(ctx context.Context, cl *kgo.Client, names topics.Names, companies ...string) error {
	recs := make([]*kgo.Record, 0, len(companies))
	for _, c := range companies {
		recs = append(recs, &kgo.Record{Topic: names.Watchlist(), Key: []byte(c)})
	}
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		return fmt.Errorf("stop watching %d companies: %w", len(companies), err)
	}
	return nil
}

// Watched reads the watchlist as it stands.
func Watched(ctx context.Context, cl *kgo.Client, names topics.Names) ([]schemas.WatchEntry, error) {
	l := NewList()
	if _, err := l.Read(ctx, cl, names.Watchlist()); err != nil {
		return nil, err
	}
	return l.Entries(), nil
}
