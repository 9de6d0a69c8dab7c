package main

import (
	"context"
	"errors"
	"github.com/leadgen/leadgen/internal/chbulk"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/breaker"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/leadgen/leadgen/internal/settings"
	"github.com/leadgen/leadgen/internal/shutdown"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/processors/website"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"
)

// runFlags configure the pipeline roles, for run and dev.
type runFlags struct {
	roles        string
	providers    string
	metricsAddr  string
	maxInFlight  int
	timeout      time.Duration
	maxQuotaWait time.Duration
	instanceID   string
	useSandbox   bool
	sandboxURL   string
	sandbox      sandboxFlags
	tiers        string
	breaker      breaker.Config
	flood        pipeline.FloodConfig
	maxStale     time.Duration
	retention    time.Duration
	stateDir     string
	stateCache   int64
	evidenceAge  time.Duration
	stallAfter   time.Duration
	cacheTTL     time.Duration
	redis        redisFlags
	static       bool
	session      time.Duration
	quotas       []string
	settings     []string
	stopTimeout  time.Duration
	website      website.Config
	watchStreams string
}

func (r *runFlags) add(cmd *cobra.Command, withSandboxSwitch bool) {
	f := cmd.Flags()
	f.StringVar(&r.roles, "roles", "all", "roles to run, comma-separated: all (every enabled provider and the aggregator), providers, aggregator, watch (the Companies House streams, which all leaves out: it needs a stream key; all,watch runs both) and console (the web console, which all leaves out)")
	f.StringVar(&r.watchStreams, "watch-streams", "officers,persons-with-significant-control",
		"Companies House streams the watch role follows: officers, persons-with-significant-control, companies; at most 2, the connections one stream key may hold")
	f.StringVar(&r.providers, "providers", strings.Join(pipeline.Defaults, ","), "enabled providers, shared by every process; one without credentials is disabled with a start-up line")
	f.StringVar(&r.metricsAddr, "metrics-addr", "", "serve /metrics and /healthz on this address, e.g. :9100")
	f.IntVar(&r.maxInFlight, "max-in-flight", 256, "records handled at once per provider worker")
	durationFlag(cmd, &r.timeout, "provider-timeout", 15*time.Second, "time limit of one provider lookup's calls (waiting for the quota is not counted), for every provider without a timeout setting of its own")
	durationFlag(cmd, &r.maxQuotaWait, "max-quota-wait", ratelimit.DefaultDeferFor, "how long a lookup waits, in all, for an API that answered 429 before the 429 is routed to the retry tiers")
	f.StringVar(&r.instanceID, "instance-id", "", "stable id of this process for the aggregator's transactions (default: host name)")
	f.DurationVar(&r.session, "session-timeout", 45*time.Second, "how long a consumer group waits for a member that stopped heartbeating (killed or cut off) before handing its partitions to the others; at least 6s (Kafka's group.min.session.timeout.ms)")
	f.BoolVar(&r.static, "static-membership", false, "join every consumer group as --instance-id (static membership): a restarted process takes its partitions back at once instead of after the 45s session timeout")
	f.StringVar(&r.tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated (topics must match: leadgen topics apply --retry-tiers)")
	f.Float64Var(&r.breaker.FailureRatio, "breaker-failure-ratio", 0.5, "share of failed lookups in the window that opens a provider's breaker")
	f.Uint32Var(&r.breaker.MinRequests, "breaker-min-requests", 10, "lookups in the window before the breaker may open")
	durationFlag(cmd, &r.breaker.Window, "breaker-window", 30*time.Second, "rolling window the breaker counts failures over")
	durationFlag(cmd, &r.breaker.OpenFor, "breaker-open-for", 30*time.Second, "how long an open breaker waits before a half-open probe")
	f.IntVar(&r.flood.Limit, "dlq-flood-limit", 100, "dead letters per --dlq-flood-window that pause a provider's input (0: never)")
	durationFlag(cmd, &r.flood.Window, "dlq-flood-window", time.Minute, "window of --dlq-flood-limit")
	durationFlag(cmd, &r.flood.Cooldown, "dlq-flood-cooldown", 5*time.Minute, "how long a flooding provider's input stays paused")
	durationFlag(cmd, &r.maxStale, "max-stale", 7*24*time.Hour, "oldest cached result the fallback serves")
	durationFlag(cmd, &r.cacheTTL, "cache-ttl", 24*time.Hour, "how long a result answers lookups without an API call (negative: never)")
	r.redis.add(cmd, "Redis URL for the shared cache and rate limits; empty: in-process only")
	f.StringArrayVar(&r.quotas, "quota", nil, "API quota NAME=CALLS/PERIOD, repeatable (defaults: companies_house=600/5m, opencorporates=50/24h, x=300/15m, facebook=200/1h; with the sandbox none); a lower quota an API states in its headers is adopted")
	f.StringArrayVar(&r.settings, "provider-setting", nil, "a provider's setting NAME.KEY=VALUE, repeatable, e.g. x.timeout=20s or linkedin.version=202611; every provider has timeout and (with a quota of its own) quota, and the settings docs/CLI.md lists; wins over LEADGEN_<NAME>_<KEY> and the configuration file")
	durationFlag(cmd, &r.stopTimeout, "shutdown-timeout", shutdown.DefaultTimeout,
		"on SIGTERM or SIGINT, exit within this time whatever the backlog, even with the brokers gone; unfinished records go to the next owner")
	durationFlag(cmd, &r.retention, "aggregator-retention", 7*24*time.Hour, "how long the aggregator keeps a request's state after its last result")
	f.StringVar(&r.stateDir, "state-dir", "", "directory of the aggregator's local state store, one subdirectory per --instance-id; in Kubernetes a volume (default: leadgen under the OS cache directory, e.g. ~/.cache/leadgen; \"memory\": none, rebuilt from the changelogs at every start)")
	f.Int64Var(&r.stateCache, "state-cache-bytes", aggregator.DefaultStateCacheBytes, "memory for the aggregator's hot states, decoded; the rest stay on disk (an eighth more goes to the store's block cache)")
	durationFlag(cmd, &r.evidenceAge, "lead-evidence-max-age", aggregator.DefaultEvidenceMaxAge,
		"oldest answer of a provider a company's lead keeps when a later request for the company did not ask that provider or got no answer from it")
	durationFlag(cmd, &r.stallAfter, "aggregator-stall-after", 2*time.Minute, "how long the aggregator's batches may fail without one committing before /readyz reports it unready")
	f.StringVar(&r.website.UserAgent, "website-user-agent", "",
		"User-Agent of the website provider: leadgen/<version> (+<contact URL>), naming whom site owners should ask (default leadgen/<build> (+"+website.ProjectURL+")); robots.txt rules for \""+website.RobotsToken+"\" apply")
	f.BoolVar(&r.website.AllowHTTP, "website-allow-http", false, "let the website provider read a site over plain http where it does not answer over https")
	if withSandboxSwitch {
		f.BoolVar(&r.useSandbox, "sandbox", false, "start in-process SANDBOX provider APIs and use them")
		f.StringVar(&r.sandboxURL, "sandbox-url", "", "use SANDBOX provider APIs served by `leadgen sandbox` at this URL")
	}
	r.sandbox.add(cmd)
}

// pipelineConfig builds the pipeline's config, starting an in-process
// sandbox when asked.
func (r *runFlags) pipelineConfig(ctx context.Context, kf *kafkaFlags, log *slog.Logger) (pipeline.Config, error) {
	cfg, err := r.baseConfig(kf)
	if err != nil {
		return cfg, err
	}
	cfg.Logger, cfg.Metrics = log, metrics.New()
	if cfg.Redis, err = r.redis.client(); err != nil {
		return cfg, err
	}
	src, err := providerSettings(ctx, r.settings)
	if err != nil {
		return cfg, err
	}
	sb, err := r.startSandbox(ctx)
	if err != nil {
		return cfg, err
	}
	if sb != nil {
		log.Info("sandbox provider APIs", "url", sb.URL, "in_process", r.useSandbox && r.sandboxURL == "")
	}
	quotas, err := r.quotaMap(sb != nil, src)
	if err != nil {
		return cfg, err
	}
	deps := pipeline.Deps{Sandbox: sb, Logger: log, Metrics: cfg.Metrics, Redis: cfg.Redis, Quotas: quotas,
		Options: map[string]any{website.ProviderName: r.website}, Settings: src}
	if cfg.Redis != nil { // the bulk snapshots `leadgen ch import` loaded
		deps.Options[companieshouse.ProviderName] = chbulk.NewStore(chbulk.StoreConfig{Redis: cfg.Redis})
	}
	if err := disableUncredentialed(&cfg, deps); err != nil {
		return cfg, err
	}
	if err := r.clients(&cfg, deps); err != nil {
		return cfg, err
	}
	if err := r.watchClient(&cfg, deps); err != nil {
		return cfg, err
	}
	if r.metricsAddr != "" {
		cfg.Health = health.New()
		addr, err := cfg.Metrics.Serve(ctx, r.metricsAddr, cfg.Health.Handler())
		if err != nil {
			return cfg, err
		}
		log.Info("metrics served", "addr", addr)
	}
	return cfg, nil
}

// baseConfig reads the flags that need no I/O.
// minSessionTimeout is the least session timeout a Kafka broker accepts
// by default (group.min.session.timeout.ms).
const minSessionTimeout = 6 * time.Second

func (r *runFlags) baseConfig(kf *kafkaFlags) (pipeline.Config, error) {
	kc, err := kf.config("leadgen")
	if err != nil {
		return pipeline.Config{}, err
	}
	enabled, err := pipeline.ParseProviders(r.providers)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	roles, err := pipeline.ParseRoles(r.roles, enabled)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	tiers, err := topics.ParseTiers(r.tiers)
	if err != nil {
		return pipeline.Config{}, usageError{err}
	}
	if r.stopTimeout <= 0 {
		return pipeline.Config{}, usagef("--shutdown-timeout %s: must be positive", r.stopTimeout)
	}
	if ua := r.website.UserAgent; ua != "" {
		if err := website.CheckUserAgent(ua); err != nil {
			return pipeline.Config{}, usagef("--website-user-agent: %v", err)
		}
	}
	var stateDir string
	if slices.Contains(roles, pipeline.RoleAggregator) {
		if stateDir, err = r.storeDir(); err != nil {
			return pipeline.Config{}, err
		}
	}
	if r.stateCache <= 0 {
		return pipeline.Config{}, usagef("--state-cache-bytes %d: must be positive", r.stateCache)
	}
	if r.session < minSessionTimeout {
		return pipeline.Config{}, usagef("--session-timeout %s: a broker refuses less than %s (group.min.session.timeout.ms)", r.session, minSessionTimeout)
	}
	if r.static && r.instanceID == "" {
		return pipeline.Config{}, usagef("--static-membership needs --instance-id: one id per process, kept across its restarts")
	}
	return pipeline.Config{Kafka: kc, Names: kf.names(), Roles: roles, Enabled: enabled, MaxInFlight: r.maxInFlight,
		Timeout: r.timeout, MaxQuotaWait: r.maxQuotaWait, AggregatorStallAfter: r.stallAfter, InstanceID: r.instanceID, StaticMembership: r.static, SessionTimeout: r.session, Tiers: tiers, Breaker: r.breaker, Flood: r.flood,
		MaxStale: r.maxStale, CacheTTL: r.cacheTTL, AggregatorRetention: r.retention, LeadEvidenceMaxAge: r.evidenceAge, ShutdownTimeout: r.stopTimeout,
		StateDir: stateDir, StateCacheBytes: r.stateCache}, nil
}

// storeDir resolves --state-dir: leadgen under the OS cache directory by
// default, and none (a store in memory) for "memory".
func (r *runFlags) storeDir() (string, error) {
	switch r.stateDir {
	case "memory":
		return "", nil
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", usagef("--state-dir: the OS has no cache directory here (%v): name one", err)
		}
		return filepath.Join(dir, "leadgen"), nil
	}
	return r.stateDir, nil
}

// watchClient builds the streaming API client when the watch role runs.
func (r *runFlags) watchClient(cfg *pipeline.Config, deps pipeline.Deps) error {
	if !slices.Contains(cfg.Roles, pipeline.RoleWatch) {
		return nil
	}
	var err error
	if cfg.WatchStreams, err = pipeline.ParseStreams(r.watchStreams); err != nil {
		return usagef("--watch-streams: %v", err)
	}
	if cfg.Stream, err = pipeline.StreamClient(deps); err != nil {
		return usageError{err}
	}
	return nil
}

// disableUncredentialed drops enabled providers without credentials, with
// a start-up line each, from the enabled list and the roles.
func disableUncredentialed(cfg *pipeline.Config, deps pipeline.Deps) error {
	avail, disabled, err := pipeline.Available(cfg.Enabled, deps)
	if err != nil {
		return usageError{err}
	}
	for _, name := range slices.Sorted(maps.Keys(disabled)) {
		deps.Logger.Warn("provider disabled", "provider", name, "reason", disabled[name])
	}
	providerRoles := slices.ContainsFunc(cfg.Roles, func(r string) bool { return r != pipeline.RoleAggregator && r != pipeline.RoleWatch })
	if len(avail) == 0 && providerRoles {
		return usagef("no provider has credentials; set them (see README) or run with --sandbox")
	}
	cfg.Enabled = avail
	cfg.Roles = slices.DeleteFunc(cfg.Roles, func(r string) bool { _, off := disabled[r]; return off })
	return nil
}

// clients builds the provider and secondary API clients.
func (r *runFlags) clients(cfg *pipeline.Config, deps pipeline.Deps) error {
	var err error
	if cfg.Providers, err = pipeline.Providers(cfg.Roles, deps); err != nil {
		return usageError{err}
	}
	var skipped []string
	if cfg.Secondaries, skipped, err = pipeline.Secondaries(cfg.Roles, deps); err != nil {
		return usageError{err}
	}
	for _, name := range skipped {
		deps.Logger.Warn("secondary source disabled: no credentials; the fallback serves the stale cache only", "source", name,
			"set", "LEADGEN_"+strings.ToUpper(name)+"_API_TOKEN or _FILE")
	}
	return nil
}

// quotaMap is the real APIs' quotas with the operator's quota settings
// and --quota in their place; with the sandbox, only those the operator
// set.
func (r *runFlags) quotaMap(sandbox bool, src *settings.Source) (map[string]ratelimit.Quota, error) {
	out, err := pipeline.Quotas(src, !sandbox)
	if err != nil {
		return nil, usageError{err}
	}
	return withQuotas(out, r.quotas)
}

// withQuotas sets the --quota specs in quotas; a bad spec is a usage error.
func withQuotas(quotas map[string]ratelimit.Quota, specs []string) (map[string]ratelimit.Quota, error) {
	for _, spec := range specs {
		name, q, err := parseQuota(spec)
		if err != nil {
			return nil, usagef("--quota %q: %v", spec, err)
		}
		quotas[name] = q
	}
	return quotas, nil
}

// parseQuota reads NAME=CALLS/PERIOD, e.g. companies_house=600/5m.
func parseQuota(spec string) (string, ratelimit.Quota, error) {
	name, rest, ok := strings.Cut(spec, "=")
	if !ok || name == "" {
		return "", ratelimit.Quota{}, errors.New("want NAME=CALLS/PERIOD, e.g. companies_house=600/5m")
	}
	q, err := settings.ParseQuota(rest)
	if err != nil {
		return "", ratelimit.Quota{}, err
	}
	return name, ratelimit.Quota{Calls: q.Calls, Period: q.Period}, nil
}

func (r *runFlags) startSandbox(ctx context.Context) (*pipeline.Sandbox, error) {
	switch {
	case r.sandboxURL != "":
		return &pipeline.Sandbox{URL: r.sandboxURL}, nil
	case !r.useSandbox:
		return nil, nil
	}
	cfg, err := r.sandbox.config()
	if err != nil {
		return nil, err
	}
	srv, err := sandbox.New(cfg)
	if err != nil {
		return nil, usageError{err}
	}
	url, err := srv.Start(ctx, "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &pipeline.Sandbox{URL: url}, nil
}

func newRun() *cobra.Command {
	var kf kafkaFlags
	var rf runFlags
	var cf consoleFlags
	cmd := leaf("run", "Run provider workers, the aggregator and/or the console against a Kafka cluster", func(cmd *cobra.Command) error {
		var withConsole bool
		rf.roles, withConsole = withoutConsole(rf.roles)
		if !withConsole {
			return runPipeline(cmd.Context(), &kf, &rf)
		}
		ccfg, err := cf.brokerConfig(&kf, rf.tiers)
		if err != nil {
			return err
		}
		g, ctx := errgroup.WithContext(cmd.Context())
		g.Go(func() error { return cf.serve(ctx, ccfg, cmd.ErrOrStderr()) })
		if rf.roles != "" {
			g.Go(func() error { return runPipeline(ctx, &kf, &rf) })
		}
		return g.Wait()
	})
	kf.add(cmd, schemaregistry.Records...)
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		return kf.registry.use(cmd.Context(), kf.names(), recordsWritten(rf.roles)...)
	}
	leadsJSONFlag(cmd, &kf.leadsJSON)
	rf.add(cmd, true)
	cf.add(cmd, "console-listen", "127.0.0.1:8080", "address of the console, with the console role")
	return cmd
}

// recordsWritten are the top-level records the roles write, whose schema
// registry subjects the process prepares: the watch role's only when it
// runs.
func recordsWritten(roles string) []string {
	if slices.Contains(strings.Split(strings.ReplaceAll(roles, " ", ""), ","), pipeline.RoleWatch) {
		return append(slices.Clone(schemaregistry.Records), schemaregistry.WatchRecords...)
	}
	return schemaregistry.Records
}

// runPipeline runs the pipeline roles until ctx ends.
func runPipeline(ctx context.Context, kf *kafkaFlags, rf *runFlags) error {
	log := newLogger()
	cfg, err := rf.pipelineConfig(ctx, kf, log)
	if err != nil {
		return err
	}
	log.Info("leadgen running", "roles", cfg.Roles, "brokers", cfg.Kafka.Brokers, "sandbox", rf.useSandbox || rf.sandboxURL != "")
	err = pipeline.Run(ctx, cfg)
	log.Info("leadgen stopped")
	return err
}
