package cache

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/leadgen/leadgen/schemas"
	"github.com/redis/go-redis/v9"
)

func TestKeysUseTheNumberElseTheNormalisedName(t *testing.T) {
	n := "sc123456"
	a := Key("companies_house", &schemas.CompanyRequest{CompanyName: "X", CompanyNumber: &n})
	b := Key("companies_house", &schemas.CompanyRequest{CompanyName: "The Acme Ltd"})
	c := Key("companies_house", &schemas.CompanyRequest{CompanyName: "ACME LIMITED"})
	if a != "leadgen:cache:companies_house:n:SC123456" || b != c {
		t.Fatalf("keys %q %q %q", a, b, c)
	}
}

func TestTheInProcessLevelIsBounded(t *testing.T) {
	s := New(Config{Size: 2})
	ctx := context.Background()
	at := time.Now()
	for _, k := range []string{"a", "b", "c"} {
		s.Put(ctx, k, &schemas.DiscoveryResult{RequestID: k, Status: schemas.StatusOK}, at)
	}
	if _, ok := s.Get(ctx, "a"); ok {
		t.Fatal("the oldest entry survived past the bound")
	}
}

func TestAnotherProcessFindsAnEntryThroughRedis(t *testing.T) {
	rdb := redistest.Client(t)
	ctx := context.Background()
	at := time.UnixMilli(time.Now().UnixMilli())
	key := "leadgen:cache:test:" + t.Name() + at.String()
	New(Config{Redis: rdb}).Put(ctx, key, &schemas.DiscoveryResult{RequestID: "r", Provider: "p", Status: schemas.StatusOK, Layer: schemas.LayerPrimary}, at)
	other := New(Config{Redis: rdb}) // a second process: empty LRU
	e, ok := other.Get(ctx, key)
	if !ok || e.Result.RequestID != "r" || !e.StoredAt.Equal(at) {
		t.Fatalf("got %+v %v from Redis", e, ok)
	}
}

func TestWithRedisDownTheCacheKeepsWorkingInProcessAndSaysSo(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 50 * time.Millisecond})
	defer rdb.Close()
	var ups []bool
	s := New(Config{Redis: rdb, Logger: slog.New(slog.DiscardHandler), Up: func(up bool) { ups = append(ups, up) }})
	ctx := context.Background()
	s.Put(ctx, "k", &schemas.DiscoveryResult{RequestID: "r", Status: schemas.StatusOK}, time.Now())
	if e, ok := s.Get(ctx, "k"); !ok || e.Result.RequestID != "r" {
		t.Fatal("the in-process level did not serve while Redis was down")
	}
	if len(ups) == 0 || ups[0] {
		t.Fatalf("redis health reports %v, want down", ups)
	}
}

// A request re-delivered after a crash finds the answer it paid for in the
// cache: it gets that answer back as it was, cost included, without a
// call, so its lead is the one a run without the crash makes.
func TestARedeliveredRequestGetsTheAnswerItPaidFor(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	next := &counter{}
	f := &Fresh{Next: next, Store: New(Config{}), TTL: time.Hour, Now: func() time.Time { return now }, Count: func(string) {}}
	req := &schemas.CompanyRequest{RequestID: "r1", CompanyName: "Acme Ltd"}
	first, _ := f.Lookup(context.Background(), req)
	first.RequestID = "overwritten by the caller"
	again, _ := f.Lookup(context.Background(), req)
	if next.n != 1 || again.FromCache || again.APICalls != 3 || again.CostUSD != 0.01 || again.RequestID != "r1" {
		t.Fatalf("calls %d, again %+v; want one call and the first answer with its cost", next.n, again)
	}
}

// counter counts lookups.
type counter struct{ n int }

func (c *counter) Name() string { return "p" }
func (c *counter) Lookup(context.Context, *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	c.n++
	return &schemas.DiscoveryResult{Status: schemas.StatusOK, APICalls: 3, CostUSD: 0.01}, nil
}

func TestFreshResultsAnswerWithoutAnAPICallUntilTheirTTL(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	next := &counter{}
	var counts []string
	f := &Fresh{Next: next, Store: New(Config{}), TTL: time.Hour, Now: func() time.Time { return now },
		Count: func(r string) { counts = append(counts, r) }}
	req := &schemas.CompanyRequest{RequestID: "r1", CompanyName: "Acme Ltd"}
	_, _ = f.Lookup(context.Background(), req)
	res, _ := f.Lookup(context.Background(), &schemas.CompanyRequest{RequestID: "r2", CompanyName: "Acme Ltd"})
	if next.n != 1 || !res.FromCache || res.APICalls != 0 || res.CostUSD != 0 {
		t.Fatalf("calls %d, from_cache %v, api_calls %d, cost %v", next.n, res.FromCache, res.APICalls, res.CostUSD)
	}
	now = now.Add(2 * time.Hour)
	_, _ = f.Lookup(context.Background(), req)
	if next.n != 2 || len(counts) != 3 || counts[1] != "hit" || counts[2] != "miss" {
		t.Fatalf("after the TTL: calls %d, counts %v", next.n, counts)
	}
}
