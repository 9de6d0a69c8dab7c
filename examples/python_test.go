package examples

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
)

// python is Debian's interpreter, which has python3-confluent-kafka and
// python3-avro.
const python = "/usr/bin/python3"

// TestThePythonClientsSendARequestAndReadItsLead runs examples/python with
// the Confluent client against a pipeline that reads and writes
// Confluent-framed values. It must not run in parallel: the codec's
// framing is per process.
func TestThePythonClientsSendARequestAndReadItsLead(t *testing.T) {
	if out, err := exec.Command(python, "-c", "import confluent_kafka, avro").CombinedOutput(); err != nil {
		t.Fatalf("%s lacks its packages (apt-get install python3-confluent-kafka python3-avro): %v\n%s", python, err, out)
	}
	registry := useRegistry(t)
	brokers := startPipeline(t)

	sent := run(t, python, "python/producer.py", "--brokers", brokers, "--registry", registry,
		"--schema", "../schemas/CompanyRequest.avsc", "--name", "ACME WIDGETS LIMITED", "--id", "example-python")
	if !strings.Contains(sent, "sent example-python") {
		t.Fatalf("python producer printed %q", sent)
	}
	out := run(t, python, "python/consumer.py", "--brokers", brokers, "--registry", registry, "--count", "1")
	if !strings.Contains(out, "12345678 v1 ACME WIDGETS LIMITED score ") {
		t.Fatalf("python consumer printed %q, want the ACME lead", out)
	}
}

// useRegistry starts an embedded registry, registers leadgen's schemas and
// makes this process's codec write Confluent-framed values, until the test
// ends; it returns the registry's URL.
func useRegistry(t *testing.T) string {
	t.Helper()
	reg, err := embedded.StartRegistry("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Close)
	r, err := schemaregistry.Connect(t.Context(), schemaregistry.Config{URL: reg.URL(), Register: true}, topics.Names{}, schemaregistry.Records...)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Use(r, schemas.Confluent); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = schemas.Use(nil, schemas.SingleObject) })
	return reg.URL()
}
