package embedded_test

import (
	"testing"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/twmb/franz-go/pkg/sr"
)

func TestTheEmbeddedRegistryKeepsWhatIsRegisteredUntilItStops(t *testing.T) {
	reg, err := embedded.StartRegistry("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		t.Fatal(err)
	}
	schema := sr.Schema{Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}`, Type: sr.TypeAvro}
	id, err := cl.RegisterSchema(t.Context(), "r-value", schema, -1, -1)
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	got, err := cl.SchemaByID(t.Context(), id)
	if err != nil || got.Schema != schema.Schema {
		t.Fatalf("schema %d: %+v, %v", id, got, err)
	}
	reg.Close()
	if _, err := cl.SchemaByID(t.Context(), id); err == nil {
		t.Fatal("the registry still answers after Close")
	}
}
