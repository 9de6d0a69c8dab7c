// Package pipeline assembles leadgen's roles (one worker per provider and
// the aggregator) from configuration and runs them together.
package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/breaker"
	"github.com/leadgen/leadgen/internal/cache"
	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/flood"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/internal/shutdown"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/processors/cacherefresh"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/fallback"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/topics"
	"github.com/redis/go-redis/v9"
	"github.com/twmb/franz-go/pkg/kgo"
	"golang.org/x/sync/errgroup"
)

// RoleAggregator is the aggregator's role name; the other roles are
// provider names.
const RoleAggregator = "aggregator"

// Implemented are the providers this build has a client for: every
// provider of the registry.
var Implemented = registry.Providers()

// Defaults are the providers enabled when none are named: the
// implemented ones but those that opt in (registry.Defaults).
var Defaults = registry.Defaults()

// Config configures the roles of one process.
type Config struct {
	Kafka kclient.Config
	Names topics.Names
	// Roles to run: provider names and/or "aggregator".
	Roles []string
	// Enabled providers, shared by every process (LEADGEN_PROVIDERS).
	Enabled []string
	// Providers are the clients of the provider roles in Roles.
	Providers map[string]provider.Provider
	// MaxInFlight per provider worker (default 256).
	MaxInFlight int
	// Timeout of one provider lookup's calls (default 15s); waiting for the
	// quota is not counted.
	Timeout time.Duration
	// MaxQuotaWait bounds how long one lookup waits, in all, for an API
	// that answered 429 (default ratelimit.DefaultDeferFor, 24h); past it
	// the 429 is routed like any other failure.
	MaxQuotaWait time.Duration
	// Tiers are the retry delays (default 10s, 1m, 10m).
	Tiers []time.Duration
	// Secondaries are the fallback sources by provider name.
	Secondaries map[string]provider.Provider
	// Breaker tunes every provider's circuit breaker.
	Breaker breaker.Config
	// Flood is the dead-letter rate that pauses a provider's input.
	Flood FloodConfig
	// CacheSize bounds each provider's in-process result cache.
	CacheSize int
	// CacheTTL is how long a result answers lookups without an API call
	// (default 24h; negative: never).
	CacheTTL time.Duration
	// Redis is the shared cache level (nil: in-process only).
	Redis *redis.Client
	// Health receives the readiness checks of every role (default: a
	// private registry).
	Health *health.Registry
	// MaxStale is the oldest cached result the fallback serves.
	MaxStale time.Duration
	// StateDir is the directory under which the aggregator keeps its
	// local state store, one subdirectory per instance; "" keeps it in
	// memory (rebuilt from the changelogs at every start).
	StateDir string
	// StateCacheBytes bounds the aggregator's in-memory cache of hot
	// states (default aggregator.DefaultStateCacheBytes).
	StateCacheBytes int64
	// AggregatorRetention is how long the aggregator keeps a request's
	// state after its last result (default 7 days).
	AggregatorRetention time.Duration
	// LeadEvidenceMaxAge is how old a provider's answer may be and still
	// stand in a company's lead when a later request did not ask that
	// provider or got no answer from it (default
	// aggregator.DefaultEvidenceMaxAge).
	LeadEvidenceMaxAge time.Duration
	// AggregatorStallAfter is how long the aggregator's batches may fail
	// without one committing before the process reports itself unready
	// (default 2m).
	AggregatorStallAfter time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// InstanceID names this process: the aggregator's transactional id
	// and, with StaticMembership, its id in every consumer group.
	InstanceID string
	// HealthEvery is how often provider health is published to Kafka
	// (default healthlog.DefaultEvery).
	HealthEvery time.Duration
	// StaticMembership makes InstanceID the group.instance.id of every
	// group the process joins: restarted with the same id, it takes its
	// partitions back at once instead of after the group session timeout
	// (45s); stopped for good, its partitions wait out that timeout.
	StaticMembership bool
	// SessionTimeout is how long a consumer group waits for a member that
	// stopped heartbeating (a process killed, or cut off) before it hands
	// the member's partitions to the others (default 45s, franz-go's).
	SessionTimeout time.Duration
	// ShutdownTimeout bounds the stop, from the end of Run's context to
	// its return, whatever the backlog and even with the brokers gone
	// (default shutdown.DefaultTimeout, 30s). Every role gets nine tenths
	// of it to finish, commit and leave its groups; Run gives up on a
	// role still stopping at the end of it.
	ShutdownTimeout time.Duration
	// Stream is the Companies House streaming API client of the watch
	// role (see StreamClient).
	Stream *chstream.Client
	// WatchStreams are the streams the watch role follows (default
	// watch.DefaultStreams).
	WatchStreams []chstream.Stream
	Metrics      *metrics.Metrics
	Logger       *slog.Logger
}

// joined turns a worker's group membership into a readiness check.
func joined(fn func() bool) health.Check {
	return func(context.Context) (bool, string) {
		if fn() {
			return true, ""
		}
		return false, "not yet joined"
	}
}

// progressing turns the aggregator's stall into a readiness check.
func progressing(stalled func() time.Duration, after time.Duration) health.Check {
	if after <= 0 {
		after = 2 * time.Minute
	}
	return func(context.Context) (bool, string) {
		if d := stalled(); d > after {
			return false, fmt.Sprintf("no batch committed for %s while input waits", d.Round(time.Second))
		}
		return true, ""
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// FloodConfig pauses a provider's input for Cooldown when more than Limit
// requests are dead-lettered within Window; Limit 0 turns it off.
type FloodConfig struct {
	Limit    int
	Window   time.Duration
	Cooldown time.Duration
}

// ParseRoles reads a comma-separated list of roles, where "all" stands
// for every enabled provider and the aggregator. "all" leaves the watch
// role out, as it needs a stream key of its own: "all,watch" runs every
// role.
func ParseRoles(s string, enabled []string) ([]string, error) {
	var roles []string
	for _, r := range strings.Split(s, ",") {
		r = strings.TrimSpace(r)
		add := []string{r}
		switch {
		case r == "all":
			add = append(slices.Clone(enabled), RoleAggregator)
		case r != RoleAggregator && r != RoleWatch && !slices.Contains(enabled, r):
			return nil, fmt.Errorf("role %q: want all, %s, %s or an enabled provider (%s)", r, RoleAggregator, RoleWatch, strings.Join(enabled, ", "))
		}
		for _, a := range add {
			if !slices.Contains(roles, a) {
				roles = append(roles, a)
			}
		}
	}
	return roles, nil
}

// ParseProviders reads LEADGEN_PROVIDERS: a comma-separated list of
// implemented providers.
func ParseProviders(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if !slices.Contains(Implemented, p) {
			return nil, fmt.Errorf("provider %q: this build implements %s", p, strings.Join(Implemented, ", "))
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no providers enabled")
	}
	return out, nil
}

// Run runs every role until ctx ends or one of them fails.
func Run(ctx context.Context, cfg Config) error {
	if cfg.StaticMembership && cfg.InstanceID == "" {
		return errors.New("static membership needs an instance id (--instance-id)")
	}
	if cfg.Metrics == nil {
		cfg.Metrics = metrics.New()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.CacheTTL = cmp.Or(cfg.CacheTTL, 24*time.Hour)
	cfg.Health = cmp.Or(cfg.Health, health.New())
	addInfraChecks(cfg)
	cfg.Logger = cmp.Or(cfg.Logger, slog.Default())
	cfg.ShutdownTimeout = cmp.Or(cfg.ShutdownTimeout, shutdown.DefaultTimeout)
	var built atomic.Bool // until every role has registered its checks, not ready
	cfg.Health.AddCheck("roles", func(context.Context) (bool, string) {
		if built.Load() {
			return true, ""
		}
		return false, "starting: roles not built yet"
	})
	g, ctx := errgroup.WithContext(ctx)
	for _, role := range cfg.Roles {
		run, err := build(cfg, role)
		if err != nil {
			return err
		}
		cfg.Logger.Info("role started", "role", role)
		g.Go(func() error {
			if err := run(ctx); err != nil {
				return fmt.Errorf("role %s: %w", role, err)
			}
			return nil
		})
	}
	built.Store(true)
	if slices.ContainsFunc(cfg.Roles, func(r string) bool { _, ok := cfg.Providers[r]; return ok }) {
		g.Go(func() error { return publishHealth(ctx, cfg) })
	}
	return wait(ctx, g, cfg.ShutdownTimeout)
}

// publishHealth shares this process's provider health through Kafka (see
// internal/healthlog) until ctx ends.
func publishHealth(ctx context.Context, cfg Config) error {
	kc := cfg.Kafka
	kc.ClientID = "leadgen-health"
	cl, err := kclient.New(kc)
	if err != nil {
		return fmt.Errorf("health publisher: %w", err)
	}
	defer cl.Close()
	p := healthlog.Publisher{Client: cl, Topic: cfg.Names.ProviderHealth(), Instance: instanceName(cfg),
		Health: cfg.Health, Every: cfg.HealthEvery, Now: cfg.Now}
	return p.Run(ctx, func(err error) { cfg.Logger.Warn("provider health not published", "err", err) })
}

// instanceName names this process in shared health: its instance id, or
// its host and process id.
func instanceName(cfg Config) string {
	if cfg.InstanceID != "" {
		return cfg.InstanceID
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}

// wait returns the roles' outcome, or gives up on roles still stopping
// timeout after ctx ends: they had nine tenths of it, and what they have
// not acknowledged goes to the next owner.
func wait(ctx context.Context, g *errgroup.Group, timeout time.Duration) error {
	d := shutdown.After(ctx, timeout)
	defer d.Release()
	var err error
	stopped := make(chan struct{})
	go func() { err = g.Wait(); close(stopped) }()
	if !d.Wait(stopped, 0) {
		return fmt.Errorf("roles still stopping %s after the stop began (shutdown timeout); left them", timeout)
	}
	return err
}

// roleTimeout is the share of the shutdown timeout a role gets, leaving a
// margin for Run and the process to return.
func roleTimeout(cfg Config) time.Duration { return cfg.ShutdownTimeout * 9 / 10 }

func build(cfg Config, role string) (func(context.Context) error, error) {
	kc := cfg.Kafka
	kc.ClientID = "leadgen-" + role
	if err := kc.Validate(); err != nil {
		return nil, err
	}
	member := func() []kgo.Opt {
		var opts []kgo.Opt
		if cfg.SessionTimeout > 0 {
			opts = append(opts, kgo.SessionTimeout(cfg.SessionTimeout))
		}
		if cfg.StaticMembership {
			opts = append(opts, kgo.InstanceID(cfg.InstanceID))
		}
		return opts
	}
	if role == RoleWatch {
		return buildWatch(cfg, kc.Opts(), func(client string) []kgo.Opt {
			return []kgo.Opt{kgo.ClientID(kc.ClientID + "-" + client), cfg.Metrics.KafkaHooks()}
		})
	}
	if role == RoleAggregator {
		a, err := aggregator.New(aggregator.Config{Names: cfg.Names, Enabled: cfg.Enabled, InstanceID: cfg.InstanceID,
			StateDir: cfg.StateDir, StateCacheBytes: cfg.StateCacheBytes,
			Retention: cfg.AggregatorRetention, EvidenceMaxAge: cfg.LeadEvidenceMaxAge, Metrics: cfg.Metrics, Logger: cfg.Logger, Now: cfg.Now, ShutdownTimeout: roleTimeout(cfg),
			SessionOpts: func() []kgo.Opt { return append(member(), cfg.Metrics.KafkaHooks()) }}, kc.Opts()...)
		if err != nil {
			return nil, err
		}
		cfg.Health.AddCheck("group:"+aggregator.Group(cfg.Names.Prefix), joined(a.Joined))
		cfg.Health.AddCheck("aggregator progress", progressing(a.Stalled, cfg.AggregatorStallAfter))
		return a.Run, nil
	}
	return buildProvider(cfg, role, func(worker string) []kgo.Opt {
		id := kc.ClientID + "-" + worker
		return append(kc.Opts(), kgo.ClientID(id), cfg.Metrics.KafkaHooks())
	}, member())
}

// buildProvider runs a provider role: its input, retry and fallback
// workers, sharing one result cache, quota gate and breaker, layered in
// that order around the API client. opts are a worker's client options;
// the workers in consumer groups add member. The companies_house role
// runs a cache refresher beside them (see cacheRefresher).
func buildProvider(cfg Config, role string, opts func(worker string) []kgo.Opt, member []kgo.Opt) (func(context.Context) error, error) {
	grouped := func(worker string) []kgo.Opt { return append(opts(worker), member...) }
	p, ok := cfg.Providers[role]
	if !ok {
		return nil, fmt.Errorf("role %s: no client configured", role)
	}
	bc := cfg.Breaker
	bc.Logger = cfg.Logger
	store := cache.New(cache.Config{Size: cfg.CacheSize, Redis: cfg.Redis, Keep: cfg.MaxStale, Logger: cfg.Logger,
		Up: func(up bool) { cfg.Metrics.RedisUp.Set(b2f(up)) }})
	hits := cfg.Metrics.Cache.MustCurryWith(map[string]string{"provider": role})
	br := breaker.Wrap(p, bc, cfg.Metrics)
	recent := health.NewWindow(100)
	cfg.Health.AddProvider(role, providerHealth(p, br, recent, cfg.Now))
	timeout := AttemptTimeout(p, cfg.Timeout)
	gate := &ratelimit.Gate{Next: br, Timeout: timeout, Skip: func() bool { return br.State() == "open" },
		DeferFor: cfg.MaxQuotaWait, Logger: cfg.Logger, Now: cfg.Now}
	if c, ok := p.(*Client); ok {
		gate.Limiter, gate.Daily = c.Limiter, c.Daily
	}
	fresh := &cache.Fresh{Next: gate, Store: store, TTL: cfg.CacheTTL, Now: cfg.Now,
		Count: func(r string) { hits.WithLabelValues(r).Inc() }}
	env := &worker.Env{
		Provider: fresh, Names: cfg.Names, Enabled: cfg.Enabled, Tiers: cfg.Tiers,
		Timeout: timeout, Cache: store, Flood: flood.New(cfg.Flood.Limit, cfg.Flood.Window, cfg.Flood.Cooldown),
		Metrics: cfg.Metrics, Logger: cfg.Logger, Now: cfg.Now, Recent: recent, ShutdownTimeout: roleTimeout(cfg),
	}
	in, err := worker.New(env, cfg.MaxInFlight, grouped("input")...)
	if err != nil {
		return nil, err
	}
	rt, err := retry.New(env, cfg.MaxInFlight, grouped("retry")...)
	if err != nil {
		return nil, err
	}
	fb, err := fallback.New(env, fallback.Config{Secondary: cfg.Secondaries[role], MaxStale: cfg.MaxStale}, cfg.MaxInFlight, grouped("fallback")...)
	if err != nil {
		return nil, err
	}
	for _, w := range []interface {
		Joined() bool
		Group() string
	}{in, rt, fb} {
		cfg.Health.AddCheck("group:"+w.Group(), joined(w.Joined))
	}
	runs := []func(context.Context) error{in.Run, rt.Run, fb.Run}
	if role == companieshouse.ProviderName {
		rf, err := cacheRefresher(cfg, store, opts("cache-refresh"))
		if err != nil {
			return nil, err
		}
		runs = append(runs, rf.Run)
	}
	return func(ctx context.Context) error {
		g, ctx := errgroup.WithContext(ctx)
		for _, run := range runs {
			g.Go(func() error { return run(ctx) })
		}
		return g.Wait()
	}, nil
}

// cacheRefresher keeps the companies_house role's result cache up to date
// with the Companies House stream events the watch role writes (see
// processors/cacherefresh): one consumer per process, in no group,
// reading from when the role is built.
func cacheRefresher(cfg Config, store *cache.Store, opts []kgo.Opt) (*cacherefresh.Refresher, error) {
	rf, err := cacherefresh.New(cacherefresh.Config{Topic: cfg.Names.CompaniesHouseEvents(), Store: store,
		Count: func(outcome string) { cfg.Metrics.CacheRefreshes.WithLabelValues(outcome).Inc() }, Logger: cfg.Logger}, opts...)
	if err != nil {
		return nil, fmt.Errorf("role %s: %w", companieshouse.ProviderName, err)
	}
	return rf, nil
}
