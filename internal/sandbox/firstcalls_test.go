package sandbox

import (
	"testing"
	"time"
)

func TestTheFirstCallsOfEveryPathAnswerTheAPIsRateLimit(t *testing.T) {
	tests := []struct {
		name, provider string
		status         int
		header, value  string
	}{
		{"Companies House answers 429 with Retry-After", ProviderCompaniesHouse, 429, "Retry-After", "10"},
		{"OpenCorporates answers its 403 quota body without a header", ProviderOpenCorporates, 403, "Retry-After", ""},
		{"X answers 429 with the reset at the wait's end", ProviderX, 429, "x-rate-limit-reset", "1700000011"},
		{"LinkedIn answers 429 without a header", ProviderLinkedIn, 429, "Retry-After", ""},
		{"Graph answers 400 code 80001 estimating whole minutes", ProviderFacebook, 400, "X-Business-Use-Case-Usage",
			`{"104912345678901":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":1}]}`},
		{"a website answers 429 with Retry-After", ProviderWebsite, 429, "Retry-After", "10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newServerAt(t, Config{Faults: map[string]Faults{tt.provider: {FirstCallsRateLimited: 2, RetryAfter: 10 * time.Second}}})
			first, second := apiPaths[tt.provider][0], apiPaths[tt.provider][1]
			for range 2 {
				rec := callPath(t, s, tt.provider, first, "t")
				wantStatus(t, rec, tt.status)
				if got := rec.Header().Get(tt.header); got != tt.value {
					t.Fatalf("%s = %q, want %q", tt.header, got, tt.value)
				}
			}
			wantStatus(t, callPath(t, s, tt.provider, first, "t"), 200)
			wantStatus(t, callPath(t, s, tt.provider, second, "t"), tt.status)
		})
	}
}

func TestAPathIsItsURLPathWithoutTheQuery(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderCompaniesHouse: {FirstCallsRateLimited: 1}}})
	wantStatus(t, get(t, s, "/companies-house/search/companies?q=acme", testKey), 429)
	wantStatus(t, get(t, s, "/companies-house/search/companies?q=widgets", testKey), 200)
}

func TestFirstCallsAreCountedFromWhenTheSettingChanges(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderCompaniesHouse: {FirstCallsRateLimited: 1}}})
	wantStatus(t, get(t, s, chTarget, testKey), 429)
	wantStatus(t, get(t, s, chTarget, testKey), 200)

	wantStatus(t, put(s, "/_sandbox/faults/companies_house", `{"latency":"0s"}`), 200)
	wantStatus(t, get(t, s, chTarget, testKey), 200) // an unchanged count keeps counting

	if err := s.SetFaults(ProviderCompaniesHouse, Faults{FirstCallsRateLimited: 2}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, get(t, s, chTarget, testKey), 429)
	wantStatus(t, get(t, s, chTarget, testKey), 429)
	wantStatus(t, get(t, s, chTarget, testKey), 200)
}
