// Package cache keeps providers' last good results, keyed by provider and
// normalised query, in a bounded in-process LRU. The fallback layer serves
// an entry older than the fresh TTL, within the max-stale window, with
// lowered confidence.
package cache

import (
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2"
	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/schemas"
)

// Entry is a cached result and when it was fetched.
type Entry struct {
	Result   *schemas.DiscoveryResult
	StoredAt time.Time
}

// Store is a bounded result cache, safe for concurrent use.
type Store struct {
	lru *lru.Cache[string, Entry]
}

// New returns a store holding at most size entries (default 100,000).
func New(size int) *Store {
	if size <= 0 {
		size = 100_000
	}
	c, _ := lru.New[string, Entry](size) // only fails on a non-positive size
	return &Store{lru: c}
}

// Key is the cache key of a request at a provider: the company number when
// given, else the normalised company name.
func Key(provider string, req *schemas.CompanyRequest) string {
	if req.CompanyNumber != nil && *req.CompanyNumber != "" {
		return provider + "|n:" + strings.ToUpper(*req.CompanyNumber)
	}
	return provider + "|q:" + companyname.Normalize(req.CompanyName)
}

// Put stores a result.
func (s *Store) Put(key string, res *schemas.DiscoveryResult, at time.Time) {
	s.lru.Add(key, Entry{Result: res, StoredAt: at})
}

// Get returns the entry under key.
func (s *Store) Get(key string) (Entry, bool) { return s.lru.Get(key) }
