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
