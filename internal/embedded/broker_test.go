package embedded

import (
	"context"
	"testing"
	"time"

	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kadm"
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

func TestTheBrokerCreatesItsTopicsWithTheErasureBound(t *testing.T) {
	ctx := context.Background()
	b, err := Start(ctx, Config{Topics: topics.Config{ErasureBound: 2 * time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	names := topics.Names{}
	rcs, err := kadm.NewClient(cl).DescribeTopicConfigs(ctx, names.Leads(), names.Results())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		names.Leads():   {"max.compaction.lag.ms": "7200000", "segment.ms": "7200000", "delete.retention.ms": "7200000"},
		names.Results(): {"segment.ms": "7200000", "retention.ms": "14400000"},
	}
	for _, rc := range rcs {
		got := map[string]string{}
		for _, c := range rc.Configs {
			got[c.Key] = c.MaybeValue()
		}
		for k, v := range want[rc.Name] {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", rc.Name, k, got[k], v)
			}
		}
	}
}
