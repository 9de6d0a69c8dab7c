package health

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestProvidersAreGradedByRecentSuccessAndBreaker(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rate    float64
		breaker string
		want    string
	}{
		{"all good with a closed breaker is healthy", 1, "closed", Healthy},
		{"an open breaker is unhealthy whatever the rate", 1, "open", Unhealthy},
		{"a half-open breaker is degraded", 1, "half-open", Degraded},
		{"80% success is degraded", 0.8, "closed", Degraded},
		{"40% success is unhealthy", 0.4, "closed", Unhealthy},
	} {
		if got := State(tc.rate, tc.breaker); got != tc.want {
			t.Errorf("%s: %s", tc.name, got)
		}
	}
}

func TestTheWindowKeepsOnlyTheLastOutcomes(t *testing.T) {
	w := NewWindow(4)
	if r, n := w.Rate(); r != 1 || n != 0 {
		t.Fatalf("empty window: %v %d", r, n)
	}
	for _, ok := range []bool{false, false, true, true, true, true} {
		w.Add(ok, "")
	}
	if r, n := w.Rate(); r != 1 || n != 4 {
		t.Fatalf("rate %v over %d, want 1 over the last 4", r, n)
	}
}

func TestTheWindowCountsTheErrorClassesOfTheOutcomesItKeeps(t *testing.T) {
	w := NewWindow(4)
	if got := w.Errors(); got != nil {
		t.Fatalf("empty window: errors %v", got)
	}
	w.Add(false, "auth") // pushed out by the four below
	w.Add(false, "rate_limited")
	w.Add(true, "not_found")
	w.Add(false, "rate_limited")
	w.Add(true, "")
	got := w.Errors()
	want := map[string]int{"rate_limited": 2, "not_found": 1}
	if !maps.Equal(got, want) {
		t.Fatalf("errors %v, want %v", got, want)
	}
	if r, n := w.Rate(); r != 0.5 || n != 4 {
		t.Fatalf("rate %v over %d, want 0.5 over 4: a not-found lookup is healthy", r, n)
	}
}

func TestReadyzIs503WithDetailWhenAComponentIsNotReady(t *testing.T) {
	r := New()
	r.AddCheck("kafka", func(context.Context) (bool, string) { return true, "" })
	r.AddCheck("groups", func(context.Context) (bool, string) { return false, "leadgen-aggregator not joined" })
	r.AddProvider("companies_house", func() Provider { return Provider{State: Degraded, Breaker: "half-open"} })
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	var body report
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 503 || body.Ready || body.Components["groups"].Detail == "" || body.Providers["companies_house"].State != Degraded {
		t.Fatalf("code %d body %+v", rec.Code, body)
	}
}
