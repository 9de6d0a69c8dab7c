package embedded

import (
	"context"
	"testing"

	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestTheBrokerServesTheCatalogueAndKeepsRecordsInItsDataDir(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	b, err := Start(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...))
	if err != nil {
		t.Fatal(err)
	}
	listed, err := topics.List(ctx, cl, topics.Catalogue(topics.Config{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range listed {
		if !l.Exists {
			t.Errorf("catalogue topic %s missing", l.Name)
		}
	}
	rec := &kgo.Record{Topic: topics.Names{}.Requests(), Key: []byte("k"), Value: []byte("kept")}
	if err := cl.ProduceSync(ctx, rec).FirstErr(); err != nil {
		t.Fatal(err)
	}
	cl.Close()
	b.Close()

	b, err = Start(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatalf("restart on the same data dir: %v", err)
	}
	defer b.Close()
	cl, err = kgo.NewClient(kgo.SeedBrokers(b.Addrs()...), kgo.ConsumeTopics(rec.Topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	fetches := cl.PollFetches(ctx)
	if err := fetches.Err0(); err != nil {
		t.Fatal(err)
	}
	got := fetches.Records()
	if len(got) != 1 || string(got[0].Value) != "kept" {
		t.Fatalf("after restart read %d records, want the one written before", len(got))
	}
}

func TestABadListenAddressIsRefused(t *testing.T) {
	if _, err := Start(context.Background(), Config{Listen: "nowhere"}); err == nil {
		t.Fatal("a listen address without a port was accepted")
	}
}
