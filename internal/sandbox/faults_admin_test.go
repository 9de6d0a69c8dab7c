package sandbox

import (
	"testing"
	"time"
)

func TestFaultsEndpoint(t *testing.T) {
	start := Faults{Status5xx: 0.1, Latency: time.Second, RetryAfter: DefaultRetryAfter}
	tests := []struct {
		name, target, body string
		status             int
		want               Faults
	}{
		{"a PUT sets every fault of the provider", "/_sandbox/faults/companies_house",
			`{"status_5xx":0.1,"timeout":0.1,"rate_limited":0.1,"unauthorized":0.1,"malformed":0.1,"slow_body":0.1,"first_calls_rate_limited":3,"retry_after":"90s","latency":"50ms"}`,
			200, Faults{Status5xx: 0.1, Timeout: 0.1, RateLimited: 0.1, Unauthorized: 0.1, Malformed: 0.1, SlowBody: 0.1,
				FirstCallsRateLimited: 3, RetryAfter: 90 * time.Second, Latency: 50 * time.Millisecond}},
		{"a PUT sets how many first calls of each path are rate limited", "/_sandbox/faults/companies_house", `{"first_calls_rate_limited":2}`,
			200, Faults{Status5xx: 0.1, FirstCallsRateLimited: 2, Latency: time.Second, RetryAfter: DefaultRetryAfter}},
		{"a negative count of first calls is refused", "/_sandbox/faults/companies_house", `{"first_calls_rate_limited":-1}`, 400, start},
		{"a PUT of one member keeps the others", "/_sandbox/faults/companies_house", `{"timeout":0.2}`,
			200, Faults{Status5xx: 0.1, Timeout: 0.2, Latency: time.Second, RetryAfter: DefaultRetryAfter}},
		{"a retry after of 0 means the default", "/_sandbox/faults/companies_house", `{"retry_after":"0s"}`, 200, start},
		{"rates summing above 1 are refused", "/_sandbox/faults/companies_house", `{"timeout":0.5,"slow_body":0.5}`, 400, start},
		{"a retry after that is not a duration is refused", "/_sandbox/faults/companies_house", `{"retry_after":"later"}`, 400, start},
		{"an unknown member is refused", "/_sandbox/faults/companies_house", `{"timeouts":0.5}`, 400, start},
		{"an unknown provider is not found", "/_sandbox/faults/geocities", `{"timeout":0.5}`, 404, start},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Config{Latency: time.Second, ErrorRate: 0.1})
			wantStatus(t, put(s, tt.target, tt.body), tt.status)
			if got := s.Faults(ProviderCompaniesHouse); got != tt.want {
				t.Fatalf("faults = %+v, want %+v", got, tt.want)
			}
			if got := s.Faults(ProviderOpenCorporates); got != start {
				t.Fatalf("opencorporates faults = %+v, want them untouched", got)
			}
		})
	}
}

func TestFaultsEndpointReportsTheFaultsInForce(t *testing.T) {
	s := newServer(t, Config{})
	if err := s.SetFaults(ProviderOpenCorporates, Faults{RateLimited: 0.25, Latency: 150 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	rec := get(t, s, "/_sandbox/faults/opencorporates", "")
	wantStatus(t, rec, 200)
	wantBody(t, rec, `{"status_5xx":0,"timeout":0,"rate_limited":0.25,"unauthorized":0,"malformed":0,"slow_body":0,"first_calls_rate_limited":0,"retry_after":"45s","latency":"150ms"}`)
	all := decode[map[string]faultsJSON](t, get(t, s, "/_sandbox/faults", ""))
	if len(all) != len(Providers()) || *all[ProviderOpenCorporates].RateLimited != 0.25 || *all[ProviderCompaniesHouse].RateLimited != 0 {
		t.Fatalf("all faults = %+v", all)
	}
}

func TestAKnobsPUTChangesEveryProvider(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderOpenCorporates: {Malformed: 0.5}}})
	wantStatus(t, put(s, "/_sandbox/knobs", `{"error_rate":0.25}`), 200)
	for _, name := range Providers() {
		if got := s.Faults(name).Status5xx; got != 0.25 {
			t.Fatalf("%s status 5xx = %g, want 0.25", name, got)
		}
	}
	if got := s.Faults(ProviderOpenCorporates).Malformed; got != 0.5 {
		t.Fatalf("opencorporates malformed = %g, want it kept", got)
	}
}

func TestAdminCallsAreNotAPICalls(t *testing.T) {
	s := newServer(t, Config{ErrorRate: 1})
	wantStatus(t, get(t, s, "/_sandbox/faults", ""), 200)
	wantStatus(t, put(s, "/_sandbox/faults/companies_house", `{"status_5xx":0}`), 200)
	if n := s.Calls("/"); n != 0 {
		t.Fatalf("Calls = %d, want admin calls uncounted and unfaulted", n)
	}
}
