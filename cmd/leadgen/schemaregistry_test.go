package main

import (
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// resetCodec puts the process's codec back to no registry after a test
// that ran a command with one; such tests must not run in parallel.
func resetCodec(t *testing.T) {
	t.Cleanup(func() {
		if err := schemas.Use(nil, schemas.SingleObject); err != nil {
			t.Error(err)
		}
	})
}

func TestWithASchemaRegistryARequestIsWrittenConfluentFramedUnderItsSubject(t *testing.T) {
	resetCodec(t)
	reg := srfake.New()
	defer reg.Close()
	addr, _ := testBroker(t)
	code, err := execute(t, "request", "--brokers", addr, "--name", "Acme Widgets Ltd", "--schema-registry", reg.URL())
	if err != nil {
		t.Fatalf("exit %d: %v", code, err)
	}
	rec := embeddedtest.First(t, []kgo.Opt{kgo.SeedBrokers(addr)}, topics.Names{}.Requests(), "")
	ss, ok := reg.GetSchema("company-requests-value", 1)
	if !ok {
		t.Fatal("company-requests-value has no version 1")
	}
	if rec.Value[0] != 0 || int(rec.Value[4]) != ss.ID {
		t.Fatalf("value starts % x, want magic 0 and schema id %d", rec.Value[:5], ss.ID)
	}
	if req, err := schemas.DecodeCompanyRequest(rec.Value); err != nil || req.CompanyName != "Acme Widgets Ltd" {
		t.Fatalf("decode: %+v, %v", req, err)
	}
}

func TestALockedDownRegistryWithoutLeadgensSchemasStopsTheCommand(t *testing.T) {
	resetCodec(t)
	reg := srfake.New()
	defer reg.Close()
	addr, _ := testBroker(t)
	code, err := execute(t, "request", "--brokers", addr, "--name", "Acme Widgets Ltd",
		"--schema-registry", reg.URL(), "--schema-registry-register=false")
	if err == nil || code != 1 || !strings.Contains(err.Error(), "company-requests-value") || !strings.Contains(err.Error(), "not registered") {
		t.Fatalf("exit %d, err = %v; want exit 1 naming the subject", code, err)
	}
}
