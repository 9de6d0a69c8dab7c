package cache

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

func TestKeysUseTheNumberElseTheNormalisedName(t *testing.T) {
	n := "sc123456"
	a := Key("companies_house", &schemas.CompanyRequest{CompanyName: "X", CompanyNumber: &n})
	b := Key("companies_house", &schemas.CompanyRequest{CompanyName: "The Acme Ltd"})
	c := Key("companies_house", &schemas.CompanyRequest{CompanyName: "ACME LIMITED"})
	if a != "companies_house|n:SC123456" || b != c {
		t.Fatalf("keys %q %q %q", a, b, c)
	}
}

func TestTheStoreIsBounded(t *testing.T) {
	s := New(2)
	at := time.Now()
	for _, k := range []string{"a", "b", "c"} {
		s.Put(k, &schemas.DiscoveryResult{RequestID: k}, at)
	}
	if _, ok := s.Get("a"); ok {
		t.Fatal("the oldest entry survived past the bound")
	}
	if e, ok := s.Get("c"); !ok || e.Result.RequestID != "c" || !e.StoredAt.Equal(at) {
		t.Fatalf("newest entry: %+v %v", e, ok)
	}
}
