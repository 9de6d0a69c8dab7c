package aggregator

import (
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

const maxAge = 7 * 24 * time.Hour

var now = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

// fetched is a result of request id from provider, fetched age ago.
func fetched(id, provider string, status schemas.Status, age time.Duration) *schemas.DiscoveryResult {
	r := result(provider, status, schemas.LayerPrimary)
	if status == schemas.StatusFailed {
		r.Layer = schemas.LayerNone
	}
	r.RequestID, r.FetchedAt, r.APICalls = id, now.Add(-age), 1
	return r
}

// unlooked is provider's NOT_FOUND for a request that lacks what it looks
// up by: no call made, nothing known.
func unlooked(id, provider string) *schemas.DiscoveryResult {
	r := fetched(id, provider, schemas.StatusNotFound, 0)
	r.APICalls = 0
	return r
}

func TestANewerResultReplacesTheKeptOneUnlessItIsAFailureAndTheAnswerIsFresh(t *testing.T) {
	for _, tt := range []struct {
		name    string
		r, kept *schemas.DiscoveryResult
		want    bool
	}{
		{"a first result is kept", fetched("r2", "x", schemas.StatusOK, 0), nil, true},
		{"a newer answer replaces an older one", fetched("r2", "x", schemas.StatusNotFound, 0), fetched("r1", "x", schemas.StatusOK, time.Hour), true},
		{"an older answer arriving late does not replace a newer one", fetched("r1", "x", schemas.StatusOK, time.Hour), fetched("r2", "x", schemas.StatusOK, 0), false},
		{"a failure does not replace a fresh answer", fetched("r2", "x", schemas.StatusFailed, 0), fetched("r1", "x", schemas.StatusOK, time.Hour), false},
		{"a failure replaces an answer older than the bound", fetched("r2", "x", schemas.StatusFailed, 0), fetched("r1", "x", schemas.StatusOK, maxAge+time.Hour), true},
		{"a failure replaces an older failure", fetched("r2", "x", schemas.StatusFailed, 0), fetched("r1", "x", schemas.StatusFailed, time.Hour), true},
		{"a not found that looked nothing up does not replace a fresh answer", unlooked("r2", "website"), fetched("r1", "website", schemas.StatusOK, time.Hour), false},
		{"a not found that looked nothing up replaces an answer older than the bound", unlooked("r2", "website"), fetched("r1", "website", schemas.StatusOK, maxAge+time.Hour), true},
		{"a cached not found replaces an older answer", func() *schemas.DiscoveryResult {
			r := unlooked("r2", "website")
			r.FromCache = true
			return r
		}(), fetched("r1", "website", schemas.StatusOK, time.Hour), true},
	} {
		if got := supersedes(tt.r, tt.kept, now, maxAge); got != tt.want {
			t.Errorf("%s: supersedes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestANarrowerRequestKeepsTheOtherProvidersFreshAnswersOnly(t *testing.T) {
	s := newLeadState(0)
	first := map[string]*schemas.DiscoveryResult{
		"companies_house": fetched("r1", "companies_house", schemas.StatusOK, 2*time.Hour),
		"x":               fetched("r1", "x", schemas.StatusOK, 2*time.Hour),
		"website":         fetched("r1", "website", schemas.StatusOK, maxAge+time.Hour),
		"facebook":        fetched("r1", "facebook", schemas.StatusFailed, 2*time.Hour),
	}
	s.add(&requestResults{RequestID: "r1"}, first, now, maxAge)
	if want := []string{"companies_house", "facebook", "website", "x"}; !slices.Equal(s.Used, want) {
		t.Fatalf("first request: lead built from %v, want all it asked, %v", s.Used, want)
	}
	s.add(&requestResults{RequestID: "r2"}, map[string]*schemas.DiscoveryResult{
		"companies_house": fetched("r2", "companies_house", schemas.StatusOK, 0),
	}, now, maxAge)
	if want := []string{"companies_house", "x"}; !slices.Equal(s.Used, want) {
		t.Errorf("narrower request: lead built from %v, want %v (website's answer is stale, facebook failed)", s.Used, want)
	}
	if s.decoded["companies_house"].RequestID != "r2" || s.decoded["x"].RequestID != "r1" || s.RequestID != "r2" {
		t.Errorf("kept companies_house of %s, x of %s, lead of %s; want r2, r1, r2", s.decoded["companies_house"].RequestID,
			s.decoded["x"].RequestID, s.RequestID)
	}
	if _, ok := s.decoded["website"]; ok {
		t.Error("a stale answer no lead uses is still kept")
	}
}

func TestRetractingARequestLeavesTheOtherRequestsResults(t *testing.T) {
	s := newLeadState(0)
	s.add(&requestResults{RequestID: "r1"}, map[string]*schemas.DiscoveryResult{"x": fetched("r1", "x", schemas.StatusOK, time.Hour)}, now, maxAge)
	s.add(&requestResults{RequestID: "r2"}, map[string]*schemas.DiscoveryResult{"website": fetched("r2", "website", schemas.StatusOK, 0)}, now, maxAge)
	s.retract("r2", now, maxAge)
	if !slices.Equal(s.Used, []string{"x"}) || s.RequestID != "r1" {
		t.Errorf("after r2 is retracted the lead of %s is built from %v, want r1's from [x]", s.RequestID, s.Used)
	}
	s.retract("r1", now, maxAge)
	if len(s.Used) != 0 || s.lead(&Aggregator{}) != nil {
		t.Errorf("after every request is retracted the lead is built from %v, want no lead", s.Used)
	}
}
