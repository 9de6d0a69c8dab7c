package schemas

import (
	"errors"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
)

func TestConfluentFramingNeedsARegistryPreparedForWhatIsWritten(t *testing.T) {
	if err := Use(nil, Confluent); err == nil || !strings.Contains(err.Error(), "needs a schema registry") {
		t.Errorf("Use without a registry: %v, want it refused", err)
	}
	if current().framing != SingleObject {
		t.Fatal("a refused Use changed the framing")
	}
	cl, err := sr.NewClient(sr.URLs("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Use(NewRegistry(cl), Confluent); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = Use(nil, SingleObject) })
	_, err = EncodeCompanyRequest(&CompanyRequest{RequestID: "r1", CompanyName: "ACME"})
	if err == nil || !strings.Contains(err.Error(), "no schema registry id for CompanyRequest") {
		t.Fatalf("encode with a registry not prepared for it: %v, want a clear error", err)
	}
}

func TestAValueTooShortForAConfluentHeaderIsBadMagic(t *testing.T) {
	_, err := DecodeEnrichedLead([]byte{0, 0, 1})
	var de *DecodeError
	if !errors.As(err, &de) || de.Class != BadMagic {
		t.Fatalf("err = %v, want class bad_magic", err)
	}
}
