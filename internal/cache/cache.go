// Package cache keeps providers' last good results, keyed by provider and
// normalised query, in two levels: a bounded in-process LRU in front of
// Redis, shared by every process. A result younger than the provider's
// TTL answers a lookup without an API call; an older one, within the
// max-stale window, is what the fallback's stale layer serves.
//
// Redis is optional: without it, or while it is unreachable (logged once,
// leadgen_redis_up 0), the LRU alone serves, and Redis is used again as
// soon as it answers.
package cache

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2"
	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/schemas"
	"github.com/redis/go-redis/v9"
)

// Entry is a cached result and when it was fetched.
type Entry struct {
	Result   *schemas.DiscoveryResult
	StoredAt time.Time
}

// Store is a two-level result cache, safe for concurrent use.
type Store struct {
	lru  *lru.Cache[string, Entry]
	rdb  *redis.Client // nil: in-process only
	keep time.Duration // how long Redis keeps an entry
	log  *slog.Logger
	up   func(bool)
	down atomic.Bool
}

// Config configures a Store.
type Config struct {
	// Size bounds the LRU (default 100,000 entries).
	Size int
	// Redis is the shared level (nil: none).
	Redis *redis.Client
	// Keep is how long Redis keeps an entry: the longest max-stale of any
	// provider (default 7 days).
	Keep   time.Duration
	Logger *slog.Logger
	// Up is told whether Redis answered (for the leadgen_redis_up gauge).
	Up func(bool)
}

// New returns a store.
func New(cfg Config) *Store {
	if cfg.Size <= 0 {
		cfg.Size = 100_000
	}
	if cfg.Keep <= 0 {
		cfg.Keep = 7 * 24 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Up == nil {
		cfg.Up = func(bool) {}
	}
	c, _ := lru.New[string, Entry](cfg.Size) // only fails on a non-positive size
	return &Store{lru: c, rdb: cfg.Redis, keep: cfg.Keep, log: cfg.Logger, up: cfg.Up}
}

// Key is the cache key of a request at a provider: the company number when
// given, else the normalised company name.
func Key(provider string, req *schemas.CompanyRequest) string {
	if req.CompanyNumber != nil && *req.CompanyNumber != "" {
		return "leadgen:cache:" + provider + ":n:" + strings.ToUpper(*req.CompanyNumber)
	}
	return "leadgen:cache:" + provider + ":q:" + companyname.Normalize(req.CompanyName)
}

// Put stores a result in both levels.
func (s *Store) Put(ctx context.Context, key string, res *schemas.DiscoveryResult, at time.Time) {
	s.lru.Add(key, Entry{Result: res, StoredAt: at})
	if s.rdb == nil {
		return
	}
	val, err := encode(res, at)
	if err == nil {
		err = s.rdb.Set(ctx, key, val, s.keep).Err()
	}
	s.health(err)
}

// Get returns the entry under key from the LRU, else from Redis.
func (s *Store) Get(ctx context.Context, key string) (Entry, bool) {
	if e, ok := s.lru.Get(key); ok {
		return e, true
	}
	if s.rdb == nil {
		return Entry{}, false
	}
	raw, err := s.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		s.health(nil)
		return Entry{}, false
	}
	s.health(err)
	if err != nil {
		return Entry{}, false
	}
	e, err := decode(raw)
	if err != nil {
		s.log.Warn("unreadable cache entry ignored", "key", key, "err", err)
		return Entry{}, false
	}
	s.lru.Add(key, e)
	return e, true
}

func (s *Store) health(err error) {
	s.up(err == nil)
	switch {
	case err != nil && s.down.CompareAndSwap(false, true):
		s.log.Warn("redis unreachable: caching in-process only until it returns", "err", err)
	case err == nil && s.down.CompareAndSwap(true, false):
		s.log.Info("redis reachable again: cache shared across processes")
	}
}

// encode writes the fetch time (Unix milliseconds) then the Avro result.
func encode(res *schemas.DiscoveryResult, at time.Time) ([]byte, error) {
	b, err := schemas.EncodeDiscoveryResult(res)
	if err != nil {
		return nil, fmt.Errorf("encode cache entry: %w", err)
	}
	out := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(b)), uint64(at.UnixMilli()))
	return append(out, b...), nil
}

func decode(raw []byte) (Entry, error) {
	if len(raw) < 8 {
		return Entry{}, errors.New("cache entry too short")
	}
	res, err := schemas.DecodeDiscoveryResult(raw[8:])
	if err != nil {
		return Entry{}, err
	}
	at := time.UnixMilli(int64(binary.BigEndian.Uint64(raw[:8])))
	return Entry{Result: res, StoredAt: at}, nil
}

// Peek reads one entry straight from Redis, for tools that inspect the
// shared cache (erasure); ok is false when there is none.
func Peek(ctx context.Context, rdb *redis.Client, key string) (Entry, bool, error) {
	raw, err := rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("read %s: %w", key, err)
	}
	e, err := decode(raw)
	if err != nil {
		return Entry{}, false, nil // not ours to judge: leave it
	}
	return e, true, nil
}
