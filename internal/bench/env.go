package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
)

// provName is the provider every scenario runs.
const provName = companieshouse.ProviderName

// env is one scenario's fresh broker and sandbox.
type env struct {
	broker  *embedded.Broker
	sandbox *sandbox.Server
	sbURL   string
	names   topics.Names
	kafka   kclient.Config
	stop    context.CancelFunc
	// stateDir holds the aggregator's state store, on disk as in
	// production; Close removes it.
	stateDir string
}

// startEnv starts a broker with the catalogue under names and a sandbox
// answering after latency with no rate limit.
func startEnv(ctx context.Context, cfg *Config, names topics.Names, latency time.Duration) (*env, error) {
	return startEnvWith(ctx, cfg, names, sandbox.Config{Latency: latency, RateLimit: -1})
}

// startEnvWith starts a broker with the catalogue under names and a
// sandbox configured by sc; the sandbox logs nowhere.
func startEnvWith(ctx context.Context, cfg *Config, names topics.Names, sc sandbox.Config) (*env, error) {
	ctx, cancel := context.WithCancel(ctx)
	b, err := embedded.Start(ctx, embedded.Config{
		Topics:            topics.Config{Names: names, Partitions: cfg.Partitions},
		MaxPartitionBytes: cfg.MaxPartitionBytes,
		CleanupInterval:   cfg.CleanupInterval,
	})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("bench broker: %w", err)
	}
	sc.Logger = slog.New(slog.DiscardHandler)
	srv, err := sandbox.New(sc)
	if err != nil {
		cancel()
		b.Close()
		return nil, fmt.Errorf("bench sandbox: %w", err)
	}
	url, err := srv.Start(ctx, "127.0.0.1:0")
	if err != nil {
		cancel()
		b.Close()
		return nil, fmt.Errorf("bench sandbox: %w", err)
	}
	dir, err := os.MkdirTemp("", "leadgen-bench-")
	if err != nil {
		cancel()
		b.Close()
		return nil, fmt.Errorf("bench state dir: %w", err)
	}
	return &env{broker: b, sandbox: srv, sbURL: url, names: names, stateDir: dir,
		kafka: kclient.Config{Brokers: b.Addrs(), ClientID: "leadgen-bench"}, stop: cancel}, nil
}

// Close stops the sandbox and the broker.
func (e *env) Close() {
	e.stop()
	e.broker.Close()
	os.RemoveAll(e.stateDir)
}

// provider builds a fresh companies_house client against the sandbox,
// timed.
func (e *env) provider() (*timedProvider, error) {
	provs, err := pipeline.Providers([]string{provName}, pipeline.Deps{Sandbox: &pipeline.Sandbox{URL: e.sbURL}})
	if err != nil {
		return nil, fmt.Errorf("bench provider: %w", err)
	}
	return &timedProvider{Provider: provs[provName]}, nil
}

// sandboxCalls counts the Companies House calls the sandbox answered.
func (e *env) sandboxCalls() int64 { return e.sandbox.Calls(sandbox.CompaniesHousePrefix) }

// timedProvider measures the lookups it passes through.
type timedProvider struct {
	provider.Provider
	n     atomic.Int64
	total atomic.Int64 // nanoseconds
}

// Lookup times the wrapped provider's lookup.
func (p *timedProvider) Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error) {
	start := time.Now()
	res, err := p.Provider.Lookup(ctx, req)
	p.total.Add(int64(time.Since(start)))
	p.n.Add(1)
	return res, err
}

// lookups is a snapshot of how many lookups ran and their total time.
type lookups struct {
	n     int64
	total time.Duration
}

func (p *timedProvider) snapshot() lookups {
	return lookups{n: p.n.Load(), total: time.Duration(p.total.Load())}
}

// meanSince is the mean lookup time since an earlier snapshot.
func (p *timedProvider) meanSince(before lookups) time.Duration {
	now := p.snapshot()
	if now.n == before.n {
		return 0
	}
	return (now.total - before.total) / time.Duration(now.n-before.n)
}
