package chbulk

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/redis/go-redis/v9"
)

// The default freshness of each snapshot: Companies House publishes the
// company data monthly (a few days into the month, so 35 days covers the
// gap to the next) and the PSC snapshot daily (2 days covers a late one).
const (
	DefaultCompanyMaxAge = 35 * 24 * time.Hour
	DefaultPSCMaxAge     = 2 * 24 * time.Hour
)

// Store keeps the snapshots' resources in Redis, one hash per company
// and snapshot kind: leadgen:chbulk:company:{number} holds "date",
// "until" and "profile"; leadgen:chbulk:psc:{number} holds "date",
// "until" and one field per PSC. leadgen:chbulk:name:{normalised name}
// indexes the company snapshot by name: "date", "until" and one field per
// company number, its search result as the REST search gives it. "until" is when the entry stops being
// fresh (Unix milliseconds), set by the import from its max ages, so every
// reader judges freshness alike. It is safe for concurrent use.
type Store struct {
	rdb           *redis.Client
	companyMaxAge time.Duration
	pscMaxAge     time.Duration
	now           func() time.Time
}

// StoreConfig configures a Store; zero ages take the defaults.
type StoreConfig struct {
	Redis *redis.Client
	// CompanyMaxAge and PSCMaxAge are how long after its date an imported
	// snapshot stays fresh; only an import uses them.
	CompanyMaxAge time.Duration
	PSCMaxAge     time.Duration
	// Now is the clock freshness is judged by (default time.Now).
	Now func() time.Time
}

// NewStore returns a store over cfg.Redis.
func NewStore(cfg StoreConfig) *Store {
	if cfg.CompanyMaxAge <= 0 {
		cfg.CompanyMaxAge = DefaultCompanyMaxAge
	}
	if cfg.PSCMaxAge <= 0 {
		cfg.PSCMaxAge = DefaultPSCMaxAge
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Store{rdb: cfg.Redis, companyMaxAge: cfg.CompanyMaxAge, pscMaxAge: cfg.PSCMaxAge, now: cfg.Now}
}

const keyPrefix = "leadgen:chbulk:"

func companyKey(number string) string { return keyPrefix + "company:" + strings.ToUpper(number) }
func pscKey(number string) string     { return keyPrefix + "psc:" + strings.ToUpper(number) }

// nameKey is the key of the companies whose names normalise to name's
// (companyname.Normalize: case, punctuation, "&", legal words such as
// Ltd and Limited); "" for a name that normalises to nothing.
func nameKey(name string) string {
	n := companyname.Normalize(name)
	if n == "" {
		return ""
	}
	return keyPrefix + "name:" + n
}

// put stores field=value under key for a snapshot of date: a newer
// snapshot's entry replaces the older one whole, an older snapshot's is
// ignored, and the same snapshot's fields add up (so a PSC list is built
// line by line, and a row stored twice, after a resume, is stored once).
// The entry expires (ARGV[4] milliseconds) when it stops being fresh, at
// ARGV[5].
var put = redis.NewScript(`
local cur = redis.call('HGET', KEYS[1], 'date')
if cur and cur > ARGV[1] then return 0 end
if cur and cur < ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'date', ARGV[1], 'until', ARGV[5], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`)

func (s *Store) putProfile(ctx context.Context, pipe redis.Pipeliner, p Profile, date time.Time) error {
	b, err := p.encode()
	if err != nil {
		return err
	}
	ttl, until := s.ttl(date, s.companyMaxAge), date.Add(s.companyMaxAge).UnixMilli()
	put.Run(ctx, pipe, []string{companyKey(p.CompanyNumber)}, date.Format(time.DateOnly), "profile", b, ttl, until)
	if key := nameKey(p.CompanyName); key != "" {
		hit, err := json.Marshal(searchHit{Title: p.CompanyName, CompanyNumber: p.CompanyNumber, CompanyStatus: p.CompanyStatus})
		if err != nil {
			return fmt.Errorf("company %s: %w", p.CompanyNumber, err)
		}
		put.Run(ctx, pipe, []string{key}, date.Format(time.DateOnly), strings.ToUpper(p.CompanyNumber), hit, ttl, until)
	}
	return nil
}

// searchHit is a company as the REST API's company search lists it.
type searchHit struct {
	Title         string `json:"title"`
	CompanyNumber string `json:"company_number"`
	CompanyStatus string `json:"company_status"`
}

// pscField names a PSC in its company's hash: its notified_on, so the
// list reads in the order the PSCs were notified, then a digest of the
// line, so the same PSC stored twice is one field.
func pscField(p PSC) string {
	var d struct {
		NotifiedOn string `json:"notified_on"`
	}
	_ = json.Unmarshal(p.Data, &d) // decoded once already: it is an object
	sum := sha1.Sum(p.Data)
	return "psc:" + d.NotifiedOn + ":" + hex.EncodeToString(sum[:8])
}

func (s *Store) putPSC(ctx context.Context, pipe redis.Pipeliner, p PSC, date time.Time) {
	put.Run(ctx, pipe, []string{pscKey(p.CompanyNumber)}, date.Format(time.DateOnly), pscField(p), []byte(p.Data),
		s.ttl(date, s.pscMaxAge), date.Add(s.pscMaxAge).UnixMilli())
}

// ttl is how long, in milliseconds, Redis keeps an entry of a snapshot
// of date: until it stops being fresh by the store's clock, at least 1.
func (s *Store) ttl(date time.Time, maxAge time.Duration) int64 {
	return max(date.Add(maxAge).Sub(s.now()).Milliseconds(), 1)
}

// Profile returns the company's profile as the REST API would, when a
// fresh snapshot holds it.
func (s *Store) Profile(ctx context.Context, number string) (json.RawMessage, bool) {
	fields, ok := s.fresh(ctx, companyKey(number))
	if !ok || fields["profile"] == "" {
		return nil, false
	}
	return json.RawMessage(fields["profile"]), true
}

// PSCs returns the company's PSCs and PSC statements, in the order they
// were notified, when a fresh PSC snapshot listed the company. A company
// the snapshot does not list is unknown (ok false), not one without PSCs.
func (s *Store) PSCs(ctx context.Context, number string) ([]json.RawMessage, bool) {
	fields, ok := s.fresh(ctx, pscKey(number))
	if !ok {
		return nil, false
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		if strings.HasPrefix(name, "psc:") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := make([]json.RawMessage, len(names))
	for i, name := range names {
		out[i] = json.RawMessage(fields[name])
	}
	return out, true
}

// Search returns, as the REST API's company search lists them, the
// companies of a fresh company snapshot whose names normalise to name's,
// in company-number order. ok is false when it names none: a name written
// another way (a typo, an abbreviation) is for the REST search.
func (s *Store) Search(ctx context.Context, name string) ([]json.RawMessage, bool) {
	key := nameKey(name)
	if key == "" {
		return nil, false
	}
	fields, ok := s.fresh(ctx, key)
	if !ok {
		return nil, false
	}
	numbers := make([]string, 0, len(fields))
	for f := range fields {
		if f != "date" && f != "until" {
			numbers = append(numbers, f)
		}
	}
	sort.Strings(numbers)
	out := make([]json.RawMessage, len(numbers))
	for i, n := range numbers {
		out[i] = json.RawMessage(fields[n])
	}
	return out, len(out) > 0
}

// fresh reads a company's hash while it is fresh. Redis being down is a
// miss: the client then calls the API.
func (s *Store) fresh(ctx context.Context, key string) (map[string]string, bool) {
	fields, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil || len(fields) == 0 {
		return nil, false
	}
	until, err := strconv.ParseInt(fields["until"], 10, 64)
	if err != nil || !s.now().Before(time.UnixMilli(until)) {
		return nil, false
	}
	return fields, true
}

// checkFresh refuses a snapshot already too old to be used.
func (s *Store) checkFresh(date time.Time, maxAge time.Duration, what string) error {
	if s.now().Sub(date) >= maxAge {
		return fmt.Errorf("the %s snapshot of %s is older than its max age of %s: import a newer one",
			what, date.Format(time.DateOnly), maxAge)
	}
	return nil
}

var errNoRedis = errors.New("no redis client")
