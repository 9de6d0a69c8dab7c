// Package examples holds small programs that talk to leadgen over Kafka
// with the clients downstream teams use: kafka-go and franz-go in Go, and
// the Confluent client in Python through a Schema Registry; the tests run
// each against an embedded broker and a running pipeline.
package examples

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/sandbox"
)

func build(t *testing.T, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), filepath.Base(filepath.Dir(pkg))+"-"+filepath.Base(pkg))
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

func startPipeline(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	b, err := embedded.Start(ctx, embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	srv, err := sandbox.New(sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	url, err := srv.Start(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	roles := []string{"companies_house", pipeline.RoleAggregator}
	provs, err := pipeline.Providers(roles, pipeline.Deps{Sandbox: &pipeline.Sandbox{URL: url}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- pipeline.Run(ctx, pipeline.Config{Kafka: kclient.Config{Brokers: b.Addrs()}, Roles: roles,
			Enabled: []string{"companies_house"}, Providers: provs, InstanceID: t.Name()})
	}()
	t.Cleanup(func() { cancel(); <-done })
	return strings.Join(b.Addrs(), ",")
}

func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).Output()
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		t.Fatalf("%s %v: %v\n%s", filepath.Base(bin), args, err, ee.Stderr)
	}
	if err != nil {
		t.Fatalf("%s %v: %v", filepath.Base(bin), args, err)
	}
	return string(out)
}

func TestTheExampleClientsSendARequestAndReadItsLead(t *testing.T) {
	brokers := startPipeline(t)
	for _, client := range []string{"kafkago", "franzgo"} {
		t.Run(client, func(t *testing.T) {
			producer, consumer := build(t, "./"+client+"/producer"), build(t, "./"+client+"/consumer")
			run(t, producer, "-brokers", brokers, "-name", "ACME WIDGETS LIMITED", "-id", "example-"+client)
			out := run(t, consumer, "-brokers", brokers, "-count", "1", "-group", "example-"+client)
			if !strings.Contains(out, "12345678 v1 ACME WIDGETS LIMITED") {
				t.Fatalf("%s consumer printed %q, want the ACME lead", client, out)
			}
		})
	}
}
