package ratelimit

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// TestMain doubles as a worker process for the shared-quota test: with
// LEADGEN_LIMIT_WORKER set it calls through a limiter from many goroutines
// and prints the time of every call it was allowed.
func TestMain(m *testing.M) {
	if os.Getenv("LEADGEN_LIMIT_WORKER") != "" {
		worker()
		return
	}
	os.Exit(m.Run())
}

func worker() {
	opt, err := redis.ParseURL(os.Getenv("REDIS_URL"))
	if err != nil {
		panic(err)
	}
	rdb := redis.NewClient(opt)
	calls, _ := strconv.Atoi(os.Getenv("QUOTA_CALLS"))
	period, _ := time.ParseDuration(os.Getenv("QUOTA_PERIOD"))
	run, _ := time.ParseDuration(os.Getenv("RUN_FOR"))
	l := New(rdb, "companies_house", os.Getenv("CREDENTIAL"), Quota{Calls: calls, Period: period}, slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithTimeout(context.Background(), run)
	defer cancel()
	var mu sync.Mutex
	out := bufio.NewWriter(os.Stdout)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l.Wait(ctx) == nil {
				mu.Lock()
				fmt.Fprintln(out, time.Now().UnixNano())
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out.Flush()
}

func TestWorkerProcessesSharingRedisStayWithinTheQuotaAndUseIt(t *testing.T) {
	url := redistest.URL(t)
	// 50 calls a second: the GCRA burst of 2 then covers a caller that
	// wakes 40 ms late, which four processes under the race detector on a
	// busy 2-core machine do (at 100 a second one run used 91%).
	q := Quota{Calls: 100, Period: 2 * time.Second}
	credential := fmt.Sprint("key-", time.Now().UnixNano())
	var all []int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 4 { // 4 processes × 16 callers
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "LEADGEN_LIMIT_WORKER=1", "REDIS_URL="+url, "CREDENTIAL="+credential,
				"QUOTA_CALLS=100", "QUOTA_PERIOD=2s", "RUN_FOR=5s")
			out, err := cmd.Output()
			if err != nil {
				t.Errorf("worker: %v", err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, line := range splitLines(out) {
				n, _ := strconv.ParseInt(line, 10, 64)
				all = append(all, n)
			}
		}()
	}
	wg.Wait()
	slices.Sort(all)
	checkQuota(t, all, q)
}

// checkQuota asserts no window of the quota's period holds more calls than
// allowed, and that the calls used at least 95% of the quota.
func checkQuota(t *testing.T, calls []int64, q Quota) {
	t.Helper()
	if len(calls) < 2 {
		t.Fatalf("only %d calls", len(calls))
	}
	checkWindows(t, calls, q)
	span := time.Duration(calls[len(calls)-1] - calls[0])
	used := float64(len(calls)) / (float64(q.Calls) * (span.Seconds() / q.Period.Seconds()))
	t.Logf("%d calls over %s: %.1f%% of the quota", len(calls), span.Round(time.Millisecond), 100*used)
	if used < 0.95 {
		t.Fatalf("used %.1f%% of the quota under backlog, want at least 95%%", 100*used)
	}
}

// checkWindows asserts no window of the quota's period holds more calls
// than the quota allows.
func checkWindows(t *testing.T, calls []int64, q Quota) {
	t.Helper()
	j := 0
	for i := range calls {
		for calls[i]-calls[j] >= q.Period.Nanoseconds() {
			j++
		}
		if n := i - j + 1; n > q.Calls {
			t.Fatalf("%d calls within one %s window, quota %d", n, q.Period, q.Calls)
		}
	}
}

func splitLines(b []byte) []string {
	var out []string
	start := 0
	for i, c := range b {
		if c == '\n' {
			if i > start {
				out = append(out, string(b[start:i]))
			}
			start = i + 1
		}
	}
	return out
}

func TestWithoutRedisTheLimiterStillPaces(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 50 * time.Millisecond})
	defer rdb.Close()
	l := New(rdb, "companies_house", "k", Quota{Calls: 20, Period: time.Second}, slog.New(slog.DiscardHandler), nil)
	var calls []int64
	for len(calls) < 30 {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, time.Now().UnixNano())
	}
	if !l.Degraded() {
		t.Fatal("limiter does not report running without Redis")
	}
	checkWindows(t, calls, Quota{Calls: 20, Period: time.Second})
}
