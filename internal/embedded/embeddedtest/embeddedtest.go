// Package embeddedtest gives tests a real in-process broker: an embedded
// broker with the topic catalogue, closed when the test ends.
package embeddedtest

import (
	"context"
	"testing"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Opts starts an embedded broker with the catalogue's topics for t and
// returns the client options that reach it.
func Opts(t testing.TB) []kgo.Opt {
	t.Helper()
	b, err := embedded.Start(context.Background(), embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return kclient.Config{Brokers: b.Addrs()}.Opts()
}

// First reads topic from its start with opts and returns the first record
// with the given key, or the first record when key is "". It fails t when
// the read fails or t's context ends first.
func First(t testing.TB, opts []kgo.Opt, topic, key string) *kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(append(opts[:len(opts):len(opts)], kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for {
		fs := cl.PollFetches(t.Context())
		if err := fs.Err0(); err != nil {
			t.Fatalf("read %s: %v", topic, err)
		}
		for _, r := range fs.Records() {
			if key == "" || string(r.Key) == key {
				return r
			}
		}
	}
}
