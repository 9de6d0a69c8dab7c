package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/companieshouse"
	"github.com/leadgen/leadgen/internal/sandbox/opencorporates"
)

// The targets of one call to each API.
const (
	chTarget = "/companies-house/company/12345678"
	ocTarget = "/opencorporates/v0.4/companies/gb/12345678?api_token=t"
)

func TestInjectedFaultsAnswerAsTheProviderDoes(t *testing.T) {
	tests := []struct {
		name, provider, target string
		faults                 Faults
		status                 int
		body                   string
		header, value          string
	}{
		{"a Companies House 5xx fault is a 503 with its error body", ProviderCompaniesHouse, chTarget,
			Faults{Status5xx: 1}, 503, companieshouse.UnavailableBody, "", ""},
		{"an OpenCorporates 5xx fault is a 503 with its error body", ProviderOpenCorporates, ocTarget,
			Faults{Status5xx: 1}, 503, opencorporates.UnavailableBody, "", ""},
		{"a Companies House rate limit is a 429 asking for 45s by default", ProviderCompaniesHouse, chTarget,
			Faults{RateLimited: 1}, 429, companieshouse.RateLimitedBody, "Retry-After", "45"},
		{"a Companies House rate limit asks for the set wait rounded up to seconds", ProviderCompaniesHouse, chTarget,
			Faults{RateLimited: 1, RetryAfter: 1500 * time.Millisecond}, 429, companieshouse.RateLimitedBody, "Retry-After", "2"},
		{"an OpenCorporates rate limit is its 403 quota body without Retry-After", ProviderOpenCorporates, ocTarget,
			Faults{RateLimited: 1, RetryAfter: time.Minute}, 403, fixture(t, "opencorporates/error_403_quota.json"), "Retry-After", ""},
		{"a Companies House unauthorized fault is a 401 with its body and challenge", ProviderCompaniesHouse, chTarget,
			Faults{Unauthorized: 1}, 401, companieshouse.UnauthorizedBody, "WWW-Authenticate", `Basic realm="leadgen sandbox"`},
		{"an OpenCorporates unauthorized fault is a 401 with its body", ProviderOpenCorporates, ocTarget,
			Faults{Unauthorized: 1}, 401, opencorporates.UnauthorizedBody, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Config{Faults: map[string]Faults{tt.provider: tt.faults}})
			rec := get(t, s, tt.target, testKey)
			wantStatus(t, rec, tt.status)
			wantJSONBody(t, rec, tt.body)
			if tt.header != "" && rec.Header().Get(tt.header) != tt.value {
				t.Fatalf("%s = %q, want %q", tt.header, rec.Header().Get(tt.header), tt.value)
			}
		})
	}
}

func TestMalformedFaultAnswers200WithHalfTheRealBody(t *testing.T) {
	for _, tt := range []struct{ provider, target string }{
		{ProviderCompaniesHouse, chTarget},
		{ProviderOpenCorporates, ocTarget},
	} {
		t.Run(tt.provider, func(t *testing.T) {
			real := get(t, newServer(t, Config{}), tt.target, testKey).Body.Bytes()
			s := newServer(t, Config{Faults: map[string]Faults{tt.provider: {Malformed: 1}}})
			rec := get(t, s, tt.target, testKey)
			wantStatus(t, rec, 200)
			got := rec.Body.Bytes()
			if len(got) == 0 || json.Valid(got) || !bytes.HasPrefix(real, got) {
				t.Fatalf("body = %q, want a non-empty invalid prefix of %q", got, real)
			}
		})
	}
}

func TestTimeoutFaultHoldsTheCallUntilTheClientGivesUp(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderOpenCorporates: {Timeout: 1}}})
	base, returned := serveCountingReturns(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- fetch(ctx, base+ocTarget) }()
	waitForCalls(s, OpenCorporatesPrefix+"/", 1)
	select {
	case err := <-errc:
		t.Fatalf("the call ended before the client gave up: %v", err)
	default:
	}
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("client error = %v, want context.Canceled", err)
	}
	<-returned // the handler let go of the call; a leak would hang here
}

func TestSlowBodyFaultSendsHeadersAtOnceThenTrickles(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderCompaniesHouse: {SlowBody: 1, Latency: time.Hour}}})
	base, returned := serveCountingReturns(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp := do(t, ctx, base+chTarget)
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get(SandboxHeader) != "true" || resp.Header.Get("X-Ratelimit-Limit") == "" {
		t.Fatalf("status %d headers %v, want the route's own at once", resp.StatusCode, resp.Header)
	}
	first := make([]byte, 1)
	if _, err := io.ReadFull(resp.Body, first); err != nil || first[0] != '{' {
		t.Fatalf("first byte %q, %v; want the body to start", first, err)
	}
	cancel()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Fatal("the whole body arrived within an hour-long trickle")
	}
	<-returned
}

func TestSlowBodyFaultDeliversTheRealBodyInTheEnd(t *testing.T) {
	real := get(t, newServer(t, Config{}), chTarget, testKey).Body.String()
	s := newServer(t, Config{Faults: map[string]Faults{ProviderCompaniesHouse: {SlowBody: 1, Latency: time.Microsecond}}})
	base, _ := serveCountingReturns(t, s)
	resp := do(t, context.Background(), base+chTarget)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || string(body) != real {
		t.Fatalf("body = %q, %v; want %q", body, err, real)
	}
}

func TestFaultsArePerProvider(t *testing.T) {
	s := newServer(t, Config{ErrorRate: 1, Faults: map[string]Faults{ProviderOpenCorporates: {Unauthorized: 1}}})
	wantStatus(t, get(t, s, chTarget, testKey), 503)
	wantStatus(t, get(t, s, ocTarget, ""), 401)
	if err := s.SetFaults(ProviderCompaniesHouse, Faults{}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, get(t, s, chTarget, testKey), 200)
	wantStatus(t, get(t, s, ocTarget, ""), 401)
}

func TestEveryFaultKindIsDrawnAtItsRate(t *testing.T) {
	f := Faults{Status5xx: 0.25, RateLimited: 0.25, Unauthorized: 0.25, Malformed: 0.25}
	s := newServer(t, Config{Seed: 11, RateLimit: -1, Faults: map[string]Faults{ProviderCompaniesHouse: f}})
	seen := map[int]int{}
	for range 400 {
		seen[get(t, s, chTarget, testKey).Code]++
	}
	for _, code := range []int{503, 429, 401, 200} {
		if seen[code] < 50 || seen[code] > 150 {
			t.Fatalf("statuses %v: want about 100 of each of 503, 429, 401 and 200 (malformed)", seen)
		}
	}
}

func TestTheSameSeedFaultsTheSameCalls(t *testing.T) {
	statuses := func() string {
		s := newServer(t, Config{Seed: 3, Faults: map[string]Faults{ProviderCompaniesHouse: {Status5xx: 0.3, Unauthorized: 0.3}}})
		var b strings.Builder
		for range 64 {
			b.WriteString(http.StatusText(get(t, s, chTarget, testKey).Code))
		}
		return b.String()
	}
	if a, b := statuses(), statuses(); a != b {
		t.Fatal("two runs with one seed faulted different calls")
	}
}

func TestSetFaultsRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name, provider string
		faults         Faults
	}{
		{"a rate above 1", ProviderCompaniesHouse, Faults{Timeout: 1.5}},
		{"a negative rate", ProviderCompaniesHouse, Faults{Malformed: -0.1}},
		{"a rate that is not a number", ProviderCompaniesHouse, Faults{SlowBody: math.NaN()}},
		{"rates that sum above 1", ProviderOpenCorporates, Faults{Status5xx: 0.6, RateLimited: 0.6}},
		{"a negative latency", ProviderOpenCorporates, Faults{Latency: -time.Second}},
		{"a negative retry after", ProviderOpenCorporates, Faults{RetryAfter: -time.Second}},
		{"a negative count of first calls rate limited", ProviderX, Faults{FirstCallsRateLimited: -1}},
		{"a provider the sandbox does not serve", "myspace", Faults{}},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			s := newServer(t, Config{ErrorRate: 0.1})
			before := s.Faults(tt.provider)
			if err := s.SetFaults(tt.provider, tt.faults); err == nil {
				t.Fatal("SetFaults accepted it")
			}
			if got := s.Faults(tt.provider); got != before {
				t.Fatalf("faults = %+v after a refused change, want %+v", got, before)
			}
		})
	}
}

func TestRatesSummingToOneInDecimalAreAccepted(t *testing.T) {
	f := Faults{Status5xx: 0.1, Timeout: 0.2, RateLimited: 0.7}
	if err := newServer(t, Config{}).SetFaults(ProviderCompaniesHouse, f); err != nil {
		t.Fatal(err)
	}
}

func TestSetFaultsFillsTheDefaultRetryAfter(t *testing.T) {
	s := newServer(t, Config{})
	if err := s.SetFaults(ProviderCompaniesHouse, Faults{RateLimited: 0.5}); err != nil {
		t.Fatal(err)
	}
	if got := s.Faults(ProviderCompaniesHouse); got != (Faults{RateLimited: 0.5, RetryAfter: DefaultRetryAfter}) {
		t.Fatalf("faults = %+v", got)
	}
}

func TestKnobsSetEveryProvidersLatencyAnd5xxRateOnly(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderOpenCorporates: {Timeout: 0.5}}})
	if err := s.SetKnobs(Knobs{Latency: 2 * time.Second, ErrorRate: 0.2}); err != nil {
		t.Fatal(err)
	}
	want := map[string]Faults{
		ProviderCompaniesHouse: {Status5xx: 0.2, Latency: 2 * time.Second, RetryAfter: DefaultRetryAfter},
		ProviderOpenCorporates: {Status5xx: 0.2, Timeout: 0.5, Latency: 2 * time.Second, RetryAfter: DefaultRetryAfter},
	}
	for name, f := range want {
		if got := s.Faults(name); got != f {
			t.Fatalf("%s faults = %+v, want %+v", name, got, f)
		}
	}
}

func TestKnobsThatWouldPushAProviderAbove1AreRefused(t *testing.T) {
	s := newServer(t, Config{Faults: map[string]Faults{ProviderOpenCorporates: {Timeout: 0.5}}})
	if err := s.SetKnobs(Knobs{ErrorRate: 0.6}); err == nil {
		t.Fatal("SetKnobs accepted a 5xx rate that takes opencorporates to 1.1")
	}
	if got := s.Faults(ProviderCompaniesHouse).Status5xx; got != 0 {
		t.Fatalf("companies_house status 5xx = %g after a refused change, want 0", got)
	}
}

func TestKnobsReportTheHighestSettingWhenProvidersDiffer(t *testing.T) {
	s := newServer(t, Config{Latency: time.Second, ErrorRate: 0.1,
		Faults: map[string]Faults{ProviderOpenCorporates: {Status5xx: 0.3}}})
	if got, want := s.Knobs(), (Knobs{Latency: time.Second, ErrorRate: 0.3}); got != want {
		t.Fatalf("knobs = %+v, want %+v", got, want)
	}
}

func TestNewRefusesBadFaults(t *testing.T) {
	for name, faults := range map[string]map[string]Faults{
		"an unknown provider":   {"friendster": {}},
		"rates summing above 1": {ProviderCompaniesHouse: {Timeout: 0.5, SlowBody: 0.6}},
	} {
		if _, err := New(Config{Faults: faults}); err == nil {
			t.Errorf("New accepted %s", name)
		}
	}
}

// serveCountingReturns serves s over HTTP and reports each time its
// handler returns.
func serveCountingReturns(t *testing.T, s *Server) (string, <-chan struct{}) {
	t.Helper()
	returned := make(chan struct{}, 16)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ServeHTTP(w, r)
		returned <- struct{}{}
	}))
	t.Cleanup(ts.Close)
	return ts.URL, returned
}

func do(t *testing.T, ctx context.Context, url string) *http.Response {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.SetBasicAuth(testKey, "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// fetch makes one call and reads its whole body.
func fetch(ctx context.Context, url string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return err
}

// waitForCalls yields until the sandbox has counted n calls under prefix,
// which it does before it delays or faults them.
func waitForCalls(s *Server, prefix string, n int64) {
	for s.Calls(prefix) < n {
		runtime.Gosched()
	}
}

// fixture is a documented example response from testdata, as text.
func fixture(t *testing.T, name string) string {
	t.Helper()
	docOf(t, name)
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantJSONBody compares JSON bodies by value, so a fixture's layout does
// not matter.
func wantJSONBody(t *testing.T, rec *httptest.ResponseRecorder, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if !bytes.Equal(g, e) {
		t.Fatalf("body = %s, want %s", g, e)
	}
}

func TestMostCallsWithinCountsTheBusiestPeriod(t *testing.T) {
	at := func(ms ...int) []time.Time {
		var out []time.Time
		for _, m := range ms {
			out = append(out, time.Unix(0, 0).Add(time.Duration(m)*time.Millisecond))
		}
		return out
	}
	for _, c := range []struct {
		times []time.Time
		want  int
	}{
		{nil, 0},
		{at(0), 1},
		{at(0, 999), 2},
		{at(0, 1000), 1}, // a period of 1s holds [t, t+1s)
		{at(0, 100, 900, 1050, 1200, 1300), 4},
	} {
		if got := MostCallsWithin(c.times, time.Second); got != c.want {
			t.Errorf("MostCallsWithin(%v) = %d, want %d", c.times, got, c.want)
		}
	}
}
