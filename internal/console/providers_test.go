package console

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/internal/status"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// busyProvider publishes a Companies House health snapshot with failed
// lookups and a quota partly spent, and leaves three requests no worker
// has taken.
func busyProvider(t *testing.T, opts []kgo.Opt, reset time.Time) {
	t.Helper()
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	left := 412
	reg := health.New()
	reg.AddProvider("companies_house", func() health.Provider {
		return health.Provider{State: health.Degraded, SuccessRate: 0.8, Lookups: 10, Breaker: "closed",
			Errors: map[string]int{"rate_limited": 1, "transient": 3},
			Quota:  &health.QuotaUse{Limit: "600/5m", Remaining: &left, Reset: reset, Waiting: 3, DrainSeconds: 1.5}}
	})
	pub := healthlog.Publisher{Client: cl, Topic: topics.Names{}.ProviderHealth(), Instance: "worker-1", Health: reg, Every: time.Minute}
	if err := pub.Publish(t.Context()); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		rec := &kgo.Record{Topic: topics.Names{}.Requests(), Key: []byte("k"), Value: []byte("request")}
		if err := cl.ProduceSync(t.Context(), rec).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTheProvidersPageShowsErrorClassesQuotaUseAndTheWorkWaiting(t *testing.T) {
	opts := embeddedtest.Opts(t)
	reset := time.Now().Add(3 * time.Minute)
	busyProvider(t, opts, reset)
	s, err := New(Config{Opts: opts, Status: status.Config{Providers: []string{"companies_house", "x"},
		Quotas: map[string]ratelimit.Quota{"companies_house": {Calls: 600, Period: 5 * time.Minute}}}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/providers", nil)
	code, body := do(t, req)
	if code != http.StatusOK {
		t.Fatalf("HTTP %d: %s", code, body)
	}
	for _, want := range []string{
		`<td class="errors">transient 3, rate_limited 1</td>`,
		`<td class="quota">600/5m, 412 left until ` + reset.UTC().Format("15:04:05Z") + `, 3 waiting (drain 2s)</td>`,
		// PROVIDER INPUT RETRY FALLBACK BACKLOG QUOTA CALLS/S ...
		`<tr><td>companies_house</td><td>3</td><td>0</td><td>0</td><td>3</td><td>600/5m</td><td>2</td>`,
		`<tr><td>x</td><td>3</td><td>0</td><td>0</td><td>3</td><td>none</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	req, _ = http.NewRequest(http.MethodGet, ts.URL+"/providers?only=health", nil)
	if _, body := do(t, req); strings.Contains(body, `id="backlog"`) || !strings.Contains(body, `id="providers"`) {
		t.Error("the health refresh reads the backlogs too, or lacks the health table")
	}
}
