package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/companieshouse"
	"github.com/leadgen/leadgen/internal/sandbox/facebook"
	"github.com/leadgen/leadgen/internal/sandbox/linkedin"
	"github.com/leadgen/leadgen/internal/sandbox/opencorporates"
	"github.com/leadgen/leadgen/internal/sandbox/x"
)

// start is the test clock's first reading, half a second past a whole
// one so reset headers must round up.
var start = time.Unix(1_700_000_000, 500_000_000)

// testClock is a clock the test turns by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newServerAt is newServer on a clock that starts at start.
func newServerAt(t *testing.T, cfg Config) (*Server, *testClock) {
	t.Helper()
	clock := &testClock{t: start}
	s, err := newAt(cfg, clock.now)
	if err != nil {
		t.Fatalf("new sandbox: %v", err)
	}
	return s, clock
}

// The quota headers any API might send; a header a case does not name
// must be absent.
var quotaHeaders = []string{"X-Ratelimit-Limit", "X-Ratelimit-Remain", "X-Ratelimit-Reset", "X-Ratelimit-Window",
	"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset", "X-App-Usage", "Retry-After"}

// callAPI makes one ordinary call of provider's API with credential cred,
// carried where that API takes it.
func callAPI(t *testing.T, s http.Handler, provider, cred string) *httptest.ResponseRecorder {
	t.Helper()
	return callPath(t, s, provider, apiPaths[provider][0], cred)
}

// apiPaths are two routes of each API, for calls to distinct paths.
var apiPaths = map[string][2]string{
	ProviderCompaniesHouse: {"/companies-house/company/12345678", "/companies-house/company/12345678/officers"},
	ProviderOpenCorporates: {"/opencorporates/v0.4/companies/gb/12345678", "/opencorporates/v0.4/companies/search?q=acme"},
	ProviderX:              {"/x/2/users/by?usernames=acmewidgets", "/x/2/users/by/username/acmewidgets"},
	ProviderLinkedIn:       {"/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets", "/linkedin/rest/organizations/1"},
	ProviderFacebook:       {"/facebook/v25.0/pages/search?q=acme", "/facebook/v25.0/1"},
	ProviderWebsite:        {"/website/acme-widgets.example/", "/website/acme-widgets.example/about"},
}

// callPath calls target of provider's API with credential cred.
func callPath(t *testing.T, s http.Handler, provider, target, cred string) *httptest.ResponseRecorder {
	t.Helper()
	switch provider {
	case ProviderCompaniesHouse:
		return get(t, s, target, cred)
	case ProviderOpenCorporates:
		return get(t, s, withParam(target, "api_token", cred), "")
	case ProviderFacebook:
		return get(t, s, withParam(target, "access_token", cred), "")
	default:
		return call(t, s, target, cred)
	}
}

func withParam(target, name, value string) string {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	q := req.URL.Query()
	q.Set(name, value)
	req.URL.RawQuery = q.Encode()
	return req.URL.RequestURI()
}

// wantHeaders checks the named quota headers' values and that the other
// quota headers are absent.
func wantHeaders(t *testing.T, rec *httptest.ResponseRecorder, want map[string]string) {
	t.Helper()
	for _, h := range quotaHeaders {
		if got := rec.Header().Get(h); got != want[h] {
			t.Errorf("%s = %q, want %q", h, got, want[h])
		}
	}
}

func TestEachAPIAnswersASpentQuotaAsTheRealOneDoes(t *testing.T) {
	reset := strconv.FormatInt(start.Unix()+61, 10) // start + 1m, rounded up
	tests := []struct {
		name, provider string
		allowed        map[string]string
		status         int
		body           string
		refused        map[string]string
	}{
		{"Companies House counts down X-Ratelimit-Remain and refuses with 429, its body and no Retry-After", ProviderCompaniesHouse,
			map[string]string{"X-Ratelimit-Limit": "2", "X-Ratelimit-Remain": "1", "X-Ratelimit-Reset": reset, "X-Ratelimit-Window": "1m"},
			429, companieshouse.RateLimitedBody,
			map[string]string{"X-Ratelimit-Limit": "2", "X-Ratelimit-Remain": "0", "X-Ratelimit-Reset": reset, "X-Ratelimit-Window": "1m"}},
		{"X counts down x-rate-limit-remaining and refuses with 429 and its problem", ProviderX,
			map[string]string{"x-rate-limit-limit": "2", "x-rate-limit-remaining": "1", "x-rate-limit-reset": reset},
			429, x.RateLimitedBody,
			map[string]string{"x-rate-limit-limit": "2", "x-rate-limit-remaining": "0", "x-rate-limit-reset": reset}},
		{"Graph reports X-App-Usage in percent and refuses with 400 code 4", ProviderFacebook,
			map[string]string{"X-App-Usage": `{"call_count":50,"total_cputime":50,"total_time":50}`},
			400, facebook.AppLimitBody,
			map[string]string{"X-App-Usage": `{"call_count":100,"total_cputime":100,"total_time":100}`}},
		{"LinkedIn sends no quota header and refuses with 429 and its throttle body", ProviderLinkedIn,
			nil, 429, linkedin.RateLimitedBody, nil},
		{"OpenCorporates sends no quota header and refuses with 403 and its quota body", ProviderOpenCorporates,
			nil, 403, opencorporates.QuotaBody, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newServerAt(t, Config{Quotas: map[string]Quota{tt.provider: {Limit: 2, Window: time.Minute}}})
			rec := callAPI(t, s, tt.provider, "t")
			wantStatus(t, rec, 200)
			wantHeaders(t, rec, tt.allowed)
			wantStatus(t, callAPI(t, s, tt.provider, "t"), 200)
			rec = callAPI(t, s, tt.provider, "t")
			wantStatus(t, rec, tt.status)
			wantJSONBody(t, rec, tt.body)
			wantHeaders(t, rec, tt.refused)
		})
	}
}

func TestAQuotaWindowRefusesWithoutConsumingAndStartsAfreshAfterItEnds(t *testing.T) {
	for _, provider := range quotaProviders() {
		t.Run(provider, func(t *testing.T) {
			s, clock := newServerAt(t, Config{Quotas: map[string]Quota{provider: {Limit: 2, Window: time.Minute}}})
			wantAllowedThenRefused(t, s, provider, 2, 3)
			clock.advance(time.Minute - time.Nanosecond)
			wantStatus(t, callAPI(t, s, provider, "t"), statusOverQuota(provider))
			clock.advance(time.Nanosecond)
			wantAllowedThenRefused(t, s, provider, 2, 1)
			if got := s.QuotaRefusals(provider); got != 5 {
				t.Fatalf("QuotaRefusals = %d, want 5", got)
			}
		})
	}
}

// wantAllowedThenRefused makes allowed calls that must succeed, then
// refused ones that must not.
func wantAllowedThenRefused(t *testing.T, s *Server, provider string, allowed, refused int) {
	t.Helper()
	for i := range allowed + refused {
		want := 200
		if i >= allowed {
			want = statusOverQuota(provider)
		}
		wantStatus(t, callAPI(t, s, provider, "t"), want)
	}
}

func statusOverQuota(provider string) int {
	switch provider {
	case ProviderFacebook:
		return 400
	case ProviderOpenCorporates:
		return 403
	default:
		return 429
	}
}

func TestEachCredentialHasItsOwnWindow(t *testing.T) {
	for _, provider := range quotaProviders() {
		t.Run(provider, func(t *testing.T) {
			s, _ := newServerAt(t, Config{Quotas: map[string]Quota{provider: {Limit: 1, Window: time.Hour}}})
			wantStatus(t, callAPI(t, s, provider, "t"), 200)
			wantStatus(t, callAPI(t, s, provider, "t"), statusOverQuota(provider))
			wantStatus(t, callAPI(t, s, provider, "another-token"), 200)
		})
	}
}

func TestANewWindowStartsAtTheCredentialsFirstCallAfterTheLastEnded(t *testing.T) {
	s, clock := newServerAt(t, Config{Quotas: map[string]Quota{ProviderX: {Limit: 5, Window: time.Minute}}})
	callAPI(t, s, ProviderX, "t")
	clock.advance(90 * time.Second)
	rec := callAPI(t, s, ProviderX, "t")
	want := strconv.FormatInt(start.Add(90*time.Second+time.Minute).Unix()+1, 10)
	if got := rec.Header().Get("x-rate-limit-reset"); got != want || rec.Header().Get("x-rate-limit-remaining") != "4" {
		t.Fatalf("reset %s remaining %s, want %s and 4", got, rec.Header().Get("x-rate-limit-remaining"), want)
	}
}

func TestCompaniesHouseQuotaSettings(t *testing.T) {
	tests := []struct {
		name          string
		cfg           Config
		limit, window string
	}{
		{"the default is the real 600 calls per 5 minutes", Config{}, "600", "5m"},
		{"RateLimit and RateWindow set it", Config{RateLimit: 3, RateWindow: time.Minute}, "3", "1m"},
		{"a Quotas entry wins over RateLimit", Config{RateLimit: 3, Quotas: map[string]Quota{ProviderCompaniesHouse: {Limit: 7, Window: 30 * time.Second}}}, "7", "30s"},
		{"a Quotas entry wins over a negative RateLimit", Config{RateLimit: -1, Quotas: map[string]Quota{ProviderCompaniesHouse: {Limit: 7, Window: time.Hour}}}, "7", "60m"},
		{"a negative RateLimit without an entry leaves no quota", Config{RateLimit: -1}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := get(t, newServer(t, tt.cfg), chTarget, testKey).Header()
			if h.Get("X-Ratelimit-Limit") != tt.limit || h.Get("X-Ratelimit-Window") != tt.window {
				t.Fatalf("limit %q window %q, want %q %q", h.Get("X-Ratelimit-Limit"), h.Get("X-Ratelimit-Window"), tt.limit, tt.window)
			}
		})
	}
}

func TestAPIsOtherThanCompaniesHouseHaveNoQuotaUnlessConfigured(t *testing.T) {
	s := newServer(t, Config{})
	for _, provider := range []string{ProviderOpenCorporates, ProviderX, ProviderLinkedIn, ProviderFacebook} {
		for range 50 {
			wantStatus(t, callAPI(t, s, provider, "t"), 200)
		}
		if h := callAPI(t, s, provider, "t").Header(); h.Get("x-rate-limit-limit") != "" || h.Get("X-Ratelimit-Limit") != "" {
			t.Errorf("%s sends quota headers %v without a quota", provider, h)
		}
	}
}

func TestGraphReportsUsageAgainstTheHourlyBudgetWithoutAQuota(t *testing.T) {
	s := newServer(t, Config{})
	for range facebook.HourlyBudget / 100 {
		callAPI(t, s, ProviderFacebook, "t")
	}
	if got := callAPI(t, s, ProviderFacebook, "t").Header().Get("X-App-Usage"); got != `{"call_count":1,"total_cputime":1,"total_time":1}` {
		t.Fatalf("X-App-Usage = %s, want 1%% used", got)
	}
}

func TestRefusedCallsAreInTheTimelineAndCountedAsRefusals(t *testing.T) {
	s, _ := newServerAt(t, Config{Quotas: map[string]Quota{ProviderLinkedIn: {Limit: 1, Window: time.Minute}}})
	for range 3 {
		callAPI(t, s, ProviderLinkedIn, "t")
	}
	if got := len(s.CallTimes(ProviderLinkedIn)); got != 3 {
		t.Fatalf("CallTimes has %d calls, want all 3", got)
	}
	if got := s.QuotaRefusals(ProviderLinkedIn); got != 2 {
		t.Fatalf("QuotaRefusals = %d, want 2", got)
	}
}

func TestInjectedRateLimitsAreNotQuotaRefusalsAndSpendNothing(t *testing.T) {
	s, _ := newServerAt(t, Config{
		Quotas: map[string]Quota{ProviderX: {Limit: 1, Window: time.Minute}},
		Faults: map[string]Faults{ProviderX: {FirstCallsRateLimited: 2}},
	})
	wantStatus(t, callAPI(t, s, ProviderX, "t"), 429)
	wantStatus(t, callAPI(t, s, ProviderX, "t"), 429)
	wantStatus(t, callAPI(t, s, ProviderX, "t"), 200)
	if got := s.QuotaRefusals(ProviderX); got != 0 {
		t.Fatalf("QuotaRefusals = %d, want 0", got)
	}
}

func TestAnInjectedXRateLimitCarriesTheConfiguredQuota(t *testing.T) {
	s, _ := newServerAt(t, Config{
		Quotas: map[string]Quota{ProviderX: {Limit: 50, Window: 15 * time.Minute}},
		Faults: map[string]Faults{ProviderX: {RateLimited: 1, RetryAfter: 10 * time.Second}},
	})
	rec := callAPI(t, s, ProviderX, "t")
	wantStatus(t, rec, 429)
	wantJSONBody(t, rec, x.RateLimitedBody)
	wantHeaders(t, rec, map[string]string{"x-rate-limit-limit": "50", "x-rate-limit-remaining": "0",
		"x-rate-limit-reset": strconv.FormatInt(start.Unix()+11, 10)})
}

func TestNewRefusesBadQuotas(t *testing.T) {
	for name, q := range map[string]map[string]Quota{
		"a quota for a website":          {ProviderWebsite: {Limit: 1, Window: time.Minute}},
		"a quota for an unknown API":     {"friendster": {Limit: 1, Window: time.Minute}},
		"a quota of no calls":            {ProviderX: {Limit: 0, Window: time.Minute}},
		"a quota with no window":         {ProviderX: {Limit: 1}},
		"a quota with a negative window": {ProviderLinkedIn: {Limit: 1, Window: -time.Hour}},
	} {
		if _, err := New(Config{Quotas: q}); err == nil {
			t.Errorf("New accepted %s", name)
		}
	}
}
