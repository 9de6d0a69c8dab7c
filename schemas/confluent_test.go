package schemas

import (
	"errors"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
)

func TestConfluentFramingNeedsAPreparedRegistry(t *testing.T) {
	cl, err := sr.NewClient(sr.URLs("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		reg  *Registry
		want string
	}{
		{nil, "needs a schema registry"},
		{NewRegistry(cl), "no id for CompanyRequest"},
	} {
		if err := Use(c.reg, Confluent); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Use: %v, want %q", err, c.want)
		}
	}
	if current().framing != SingleObject {
		t.Fatal("a refused Use changed the framing")
	}
}

func TestAValueTooShortForAConfluentHeaderIsBadMagic(t *testing.T) {
	_, err := DecodeEnrichedLead([]byte{0, 0, 1})
	var de *DecodeError
	if !errors.As(err, &de) || de.Class != BadMagic {
		t.Fatalf("err = %v, want class bad_magic", err)
	}
}
