package examples

import (
	"os/exec"
	"strings"
	"testing"
)

// TestTheNodeAndGoConsumersReadALeadFramedForTheRegistry runs
// examples/node (kafkajs and @kafkajs/confluent-schema-registry, installed
// by `make test` with npm ci) and the Go consumers given -registry against
// a pipeline that writes Confluent-framed leads, and checks the lead each
// prints. The request is produced by the Go example producer,
// single-object framed. It must not run in parallel: the codec's framing
// is per process.
func TestTheNodeAndGoConsumersReadALeadFramedForTheRegistry(t *testing.T) {
	if out, err := exec.Command("node", "-e", "require('./node/node_modules/kafkajs'); require('./node/node_modules/@kafkajs/confluent-schema-registry')").CombinedOutput(); err != nil {
		t.Fatalf("examples/node lacks its packages (make example-clients runs npm ci): %v\n%s", err, out)
	}
	registry := useRegistry(t)
	brokers := startPipeline(t)
	producer := build(t, "./franzgo/producer")
	run(t, producer, "-brokers", brokers, "-name", "ACME WIDGETS LIMITED", "-id", "example-node")
	out := run(t, "node", "node/consumer.js", "--brokers", brokers, "--registry", registry, "--count", "1")
	if !strings.Contains(out, "12345678 v1 ACME WIDGETS LIMITED score=") {
		t.Fatalf("node consumer printed %q, want the ACME lead", out)
	}
	for _, client := range []string{"kafkago", "franzgo"} {
		out := run(t, build(t, "./"+client+"/consumer"), "-brokers", brokers, "-registry", registry, "-count", "1", "-group", "registry-"+client)
		if !strings.Contains(out, "12345678 v1 ACME WIDGETS LIMITED") {
			t.Errorf("%s consumer with -registry printed %q, want the ACME lead", client, out)
		}
	}
}
