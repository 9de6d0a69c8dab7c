package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/requestfile"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/tick"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"
)

func newDev() *cobra.Command {
	var listen, registryListen string
	var samples int
	var leadsJSON bool
	var rf runFlags
	var cf consoleFlags
	cmd := leaf("dev", "Run everything in one process: embedded broker, SANDBOX APIs, every role, sample requests, live leads", func(cmd *cobra.Command) error {
		rf.useSandbox = true
		return runDev(cmd.Context(), devListen{broker: listen, registry: registryListen}, samples, leadsJSON, &rf, &cf)
	})
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:9092", "address of the embedded broker, host:port (port 0: any free port)")
	addRegistryListen(cmd, &registryListen)
	cmd.Flags().IntVar(&samples, "samples", 8, "sample requests to send at start")
	rf.add(cmd, false)
	leadsJSONFlag(cmd, &leadsJSON)
	cf.add(cmd, "console-listen", "127.0.0.1:8080", "address of the web console (empty: no console)")
	return cmd
}

// devListen are the addresses of dev's embedded broker and, when not
// empty, its embedded Schema Registry.
type devListen struct{ broker, registry string }

func runDev(ctx context.Context, listen devListen, samples int, leadsJSON bool, rf *runFlags, cf *consoleFlags) error {
	log := newLogger()
	tiers, err := topics.ParseTiers(rf.tiers)
	if err != nil {
		return usageError{err}
	}
	names := topics.Names{MirrorLeadsJSON: leadsJSON}
	broker, err := embedded.Start(ctx, embedded.Config{Listen: listen.broker, Topics: topics.Config{Names: names, Tiers: tiers}})
	if err != nil {
		return fmt.Errorf("%w (is another broker on %s? try --listen 127.0.0.1:0)", err, listen.broker)
	}
	defer broker.Close()
	kf := kafkaFlags{brokers: strings.Join(broker.Addrs(), ","), leadsJSON: leadsJSON}
	if listen.registry != "" {
		reg, err := embeddedRegistry(os.Stderr, listen.registry, "leadgen dev")
		if err != nil {
			return err
		}
		defer reg.Close()
		kf.registry = registryFlags{url: reg.URL(), register: true, framing: framingAuto}
		if err := kf.registry.use(ctx, kf.names(), recordsWritten(rf.roles)...); err != nil {
			return err
		}
	}
	cfg, err := rf.pipelineConfig(ctx, &kf, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "leadgen dev: broker %s (embedded), SANDBOX provider APIs with fictional companies; Ctrl-C stops\n", broker.Addrs()[0])
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return pipeline.Run(ctx, cfg) })
	if cf.listen != "" {
		ccfg, err := cf.config(cfg.Kafka, cfg.Names, rf.tiers)
		if err != nil {
			return err
		}
		g.Go(func() error { return cf.serve(ctx, ccfg, os.Stderr) })
	}
	g.Go(func() error {
		reqs, err := sampleRequests(samples)
		if err != nil {
			return err
		}
		return send(ctx, os.Stdout, cfg.Kafka, cfg.Names, reqs)
	})
	var out sync.Mutex
	g.Go(func() error {
		table := leadview.NewTable(os.Stdout)
		return leadview.Read(ctx, cfg.Kafka.Opts(), cfg.Names.Leads(), true, func(ev leadview.Event) {
			out.Lock()
			defer out.Unlock()
			_ = table.Write(ev)
		})
	})
	g.Go(func() error {
		showQuotas(ctx, cfg.Providers, func(line string) {
			out.Lock()
			defer out.Unlock()
			fmt.Println(line)
		})
		return nil
	})
	return g.Wait()
}

// quotaEvery is how often the dev table says which providers wait for
// their quota.
const quotaEvery = 10 * time.Second

// showQuotas prints, every quotaEvery while lookups wait for a provider's
// quota, the quota in force, the lookups waiting, calls per lookup and the
// estimated time to drain them.
func showQuotas(ctx context.Context, providers map[string]provider.Provider, print func(string)) {
	tick.Every(ctx, quotaEvery, func() {
		for _, name := range slices.Sorted(maps.Keys(providers)) {
			c, ok := providers[name].(*pipeline.Client)
			if !ok || c.Limiter == nil || c.Limiter.Waiting() == 0 {
				continue
			}
			l := c.Limiter
			print(fmt.Sprintf("QUOTA %-16s %s: %d lookups waiting, %.1f calls/lookup, drain in ~%s",
				name, l.Quota(), l.Waiting(), l.CallsPerLookup(), l.Drain().Round(time.Second)))
		}
	})
}

// sampleRequests picks companies from the sandbox dataset: every other one
// by number, the rest by name only, so both lookup paths show.
func sampleRequests(n int) ([]*schemas.CompanyRequest, error) {
	companies := sandbox.Companies()
	var out []*schemas.CompanyRequest
	for i := 0; i < n && i < len(companies); i++ {
		c := companies[(i*37)%len(companies)]
		number := ""
		if i%2 == 0 {
			number = c.Number
		}
		r, err := requestfile.Build(c.Name, number, c.Domain, nil)
		if err != nil {
			return nil, fmt.Errorf("sample request for %s: %w", c.Name, err)
		}
		out = append(out, r)
	}
	return out, nil
}
