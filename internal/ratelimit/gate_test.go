package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/leadgen/leadgen/schemas"
)

// oneCall is a provider whose lookup is one GET through the limiter's
// transport, classified as the real clients do: 429 is rate_limited
// (with Retry-After), anything else but 200 transient.
type oneCall struct {
	client *http.Client
	url    string
}

func (o *oneCall) Name() string { return "test_api" }

func (o *oneCall) Lookup(ctx context.Context, _ *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, o.url, nil)
	resp, err := o.client.Do(req)
	if err != nil {
		var fe *failure.Error
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, failure.New(failure.Transient, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		return &schemas.DiscoveryResult{Status: schemas.StatusOK, APICalls: 1, CostUSD: 0.01}, nil
	case http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, errors.New("429"))
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		fe.RetryAfter = time.Duration(secs) * time.Second
		return nil, fe
	}
	return nil, failure.New(failure.Transient, fmt.Errorf("http %d", resp.StatusCode))
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func gateFor(t *testing.T, h http.HandlerFunc, q Quota) (*Gate, *Limiter) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	l := New(nil, "test_api", "key", q, quiet(), nil)
	client := &http.Client{Transport: &Transport{Base: http.DefaultTransport, Limiter: l}}
	return &Gate{Next: &oneCall{client: client, url: srv.URL}, Limiter: l, Timeout: 50 * time.Millisecond, Logger: quiet()}, l
}

// Regression: the in-process limiter failed a call at once ("would exceed
// context deadline") when its turn was further away than the provider
// timeout, so a backlog at the quota was dead-lettered as transient.
func TestAWaitForTheQuotaLongerThanTheTimeoutIsBackpressureNotAFailure(t *testing.T) {
	var calls atomic.Int32
	g, _ := gateFor(t, func(w http.ResponseWriter, _ *http.Request) { calls.Add(1) }, Quota{Calls: 10, Period: 500 * time.Millisecond})
	var wg sync.WaitGroup
	errs := make(chan error, 24)
	for range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := g.Lookup(context.Background(), &schemas.CompanyRequest{}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a lookup waiting for the quota failed: %v", err)
	}
	if calls.Load() != 24 {
		t.Fatalf("the API got %d calls, want 24", calls.Load())
	}
}

func TestA429DefersTheLookupUntilTheAPISaysAndCountsTheRefusedCall(t *testing.T) {
	var calls atomic.Int32
	g, l := gateFor(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}, Quota{Calls: 100, Period: time.Second})
	start := time.Now()
	res, err := g.Lookup(context.Background(), &schemas.CompanyRequest{})
	if err != nil {
		t.Fatalf("a lookup the API pushed back on failed: %v", err)
	}
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("the lookup came back after %s, before the API's Retry-After of 1s", waited)
	}
	if res.APICalls != 2 || res.CostUSD != 0.01 {
		t.Errorf("api_calls %d cost %.3f, want 2 calls (the 429 included) and the cost of 1", res.APICalls, res.CostUSD)
	}
	if l.CallsPerLookup() != 2 {
		t.Errorf("calls per lookup %.1f, want 2", l.CallsPerLookup())
	}
}

func TestA429PastTheDeferralBudgetIsReturnedForRouting(t *testing.T) {
	g, _ := gateFor(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}, Quota{Calls: 100, Period: time.Second})
	g.DeferFor = time.Minute
	_, err := g.Lookup(context.Background(), &schemas.CompanyRequest{})
	if failure.ClassOf(err) != failure.RateLimited || failure.RetryAfterOf(err) != time.Hour {
		t.Fatalf("got %v (retry after %s), want rate_limited asking for 1h", err, failure.RetryAfterOf(err))
	}
}

func TestAWaitForTheQuotaEndsAtOnceWhenTheRecordIsHandedOver(t *testing.T) {
	g, l := gateFor(t, func(http.ResponseWriter, *http.Request) {}, Quota{Calls: 100, Period: time.Second})
	l.Block(time.Now().Add(time.Hour))
	stop := make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := g.Lookup(WithStop(context.Background(), stop), &schemas.CompanyRequest{})
		done <- err
	}()
	close(stop)
	if err := <-done; !errors.Is(err, ErrStopped) {
		t.Fatalf("got %v, want ErrStopped", err)
	}
}

func TestAQuotaTheAPIStatesLowerThanConfiguredReplacesIt(t *testing.T) {
	for _, tc := range []struct {
		name       string
		configured Quota
		stated     Reading
		want       Quota
	}{
		{"a lower stated quota is adopted", Quota{1200, 5 * time.Minute}, Reading{Limit: 600, Window: 5 * time.Minute}, Quota{600, 5 * time.Minute}},
		{"a higher stated quota is not", Quota{300, 5 * time.Minute}, Reading{Limit: 600, Window: 5 * time.Minute}, Quota{300, 5 * time.Minute}},
		{"a limit without its window says nothing", Quota{1200, 5 * time.Minute}, Reading{Limit: 600}, Quota{1200, 5 * time.Minute}},
		{"an unpaced api adopts any stated quota", Quota{}, Reading{Limit: 100, Window: time.Hour}, Quota{100, time.Hour}},
	} {
		l := New(nil, "test_api", "key", tc.configured, quiet(), nil)
		l.Learn(tc.stated)
		if got := l.Quota(); got != tc.want {
			t.Errorf("%s: quota %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestUseReportsTheQuotaInForceAndWhatTheAPISaidIsLeftUntilItsReset(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	l := New(nil, "test_api", "key", Quota{1200, 5 * time.Minute}, quiet(), nil)
	l.now = func() time.Time { return now }
	if u := l.Use(); u.HasRemaining || u.Quota != (Quota{1200, 5 * time.Minute}) || !u.BlockedUntil.IsZero() {
		t.Fatalf("before any answer: %+v", u)
	}
	reset := now.Add(2 * time.Minute)
	l.Learn(Reading{Limit: 600, Window: 5 * time.Minute, HasRemaining: true, Remaining: 412, Reset: reset})
	u := l.Use()
	if u.Quota != (Quota{600, 5 * time.Minute}) || !u.HasRemaining || u.Remaining != 412 || !u.Reset.Equal(reset) {
		t.Fatalf("after an answer stating 412 of 600/5m left: %+v", u)
	}
	l.Learn(Reading{HasRemaining: true, Remaining: 0, Reset: reset})
	if u := l.Use(); u.Remaining != 0 || !u.BlockedUntil.Equal(reset) {
		t.Fatalf("a spent quota: %+v, want blocked until %v", u, reset)
	}
	now = reset.Add(time.Second)
	if u := l.Use(); u.HasRemaining || !u.BlockedUntil.IsZero() {
		t.Fatalf("after the reset the stated count no longer holds: %+v", u)
	}
}

func TestASpentQuotaHoldsEveryProcessSharingRedisUntilTheReset(t *testing.T) {
	rdb := redistest.Client(t)
	credential := fmt.Sprint("key-", time.Now().UnixNano())
	a := New(rdb, "test_api", credential, Quota{Calls: 100, Period: time.Second}, quiet(), nil)
	b := New(rdb, "test_api", credential, Quota{Calls: 100, Period: time.Second}, quiet(), nil)
	reset := time.Now().Add(time.Minute)
	a.Learn(Reading{HasRemaining: true, Remaining: 0, Reset: reset})
	if until := b.BlockedUntil(); until.Before(reset.Add(-time.Second)) {
		t.Fatalf("the other process may call again at %v, want the reset %v", until, reset)
	}
	other := New(rdb, "test_api", credential+"-other", Quota{Calls: 100, Period: time.Second}, quiet(), nil)
	if !other.BlockedUntil().IsZero() {
		t.Fatal("another credential's quota was blocked too")
	}
}

func TestA429WithoutAWaitBacksOffThenADailyQuotaWaitsForMidnightUTC(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	l := New(nil, "linkedin", "key", Quota{}, quiet(), nil)
	l.now = func() time.Time { return now }
	var waits []time.Duration
	for range 12 {
		until := l.PushedBack(0, true)
		waits = append(waits, until.Sub(now))
		now = until
	}
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if waits[i] != want {
			t.Errorf("429 number %d in a row waits %s, want %s", i+1, waits[i], want)
		}
	}
	last := now
	if last.Hour() != 0 || last.Minute() != 0 || last.Day() != 7 {
		t.Errorf("after 429s for over %s the lookup waits until %v, want midnight UTC", dailyAfter, last)
	}
	l.answered(false)
	if until := l.PushedBack(0, true); until.Sub(now) != time.Second {
		t.Errorf("a new streak after an answer waits %s, want 1s", until.Sub(now))
	}
}
