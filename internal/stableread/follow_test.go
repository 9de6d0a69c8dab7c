package stableread_test

import (
	"context"
	"errors"
	"testing"

	"github.com/leadgen/leadgen/internal/stableread"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Follow goes on from where a read ended, with the records written since,
// and stops with the callback's error.
func TestFollowGoesOnFromTheEndsOfARead(t *testing.T) {
	topic := topics.Names{}.Requests()
	ctx, addrs, cl := withRecords(t, topic, 2, "old")
	r := stableread.Reader{Client: cl}
	ends, err := r.Read(ctx, topic, map[int32]stableread.Span{2: {From: 0, To: stableread.ToStableEnd}},
		func(*kgo.Record) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte("new"), Partition: 2}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	enough := errors.New("enough")
	var got []string
	err = stableread.Follow(ctx, []kgo.Opt{kgo.SeedBrokers(addrs...)}, topic, ends, func(f kgo.Fetches) error {
		f.EachRecord(func(rec *kgo.Record) { got = append(got, string(rec.Value)) })
		if len(got) > 0 {
			return enough
		}
		return nil
	})
	if !errors.Is(err, enough) || len(got) != 1 || got[0] != "new" {
		t.Errorf("Follow read %q and returned %v, want [new] and the callback's error", got, err)
	}

	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if err := stableread.Follow(stopped, []kgo.Opt{kgo.SeedBrokers(addrs...)}, topic, ends,
		func(kgo.Fetches) error { return enough }); err != nil {
		t.Errorf("Follow after its context ended returned %v, want nil", err)
	}
}
