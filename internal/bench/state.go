package bench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/processors/aggregator"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kadm"
)

// StateResult is one run of the state scenario: the aggregator alone
// joining results produced straight to discovery-results.
type StateResult struct {
	Name      string
	Requests  int
	Providers int
	// Took is from the first result produced to the last one committed.
	Took time.Duration
	// RSS is the process's resident set every StateSampleEvery requests
	// joined.
	RSS       []RSSSample
	DiskBytes int64
	// Restores are the restarts measured after the run.
	Restores []Restore
	Err      error
}

// RSSSample is the resident set once Requests were joined.
type RSSSample struct {
	Requests int
	RSS      int64
}

// Restore is one restart's restore of the aggregator's state.
type Restore struct {
	Name     string
	Took     time.Duration
	Replayed int64
	Bytes    int64
}

// ResultsPerSecond is the run's throughput in results joined per second.
func (r StateResult) ResultsPerSecond() float64 {
	if r.Took <= 0 {
		return 0
	}
	return float64(r.Requests*r.Providers) / r.Took.Seconds()
}

// stateRun is one state-scenario run being measured.
type stateRun struct {
	cfg   *Config
	names topics.Names
	kc    kclient.Config
	dir   string // "" keeps the store in memory
	cache int64
}

// runState runs the scenario with the store in memory (the baseline) and
// then on disk, each with a broker process of its own.
func runState(ctx context.Context, cfg *Config) []StateResult {
	mem := stateRun{cfg: cfg, cache: 1 << 40}
	res := []StateResult{mem.run(ctx, "store in memory", cfg.StateBaselineRequests)}
	freeMemory()
	dir, err := os.MkdirTemp("", "leadgen-bench-state-")
	if err != nil {
		return append(res, StateResult{Name: "store on disk", Err: err})
	}
	defer os.RemoveAll(dir)
	disk := stateRun{cfg: cfg, dir: dir, cache: cfg.StateCacheBytes}
	return append(res, disk.run(ctx, "store on disk", cfg.StateRequests))
}

func (s stateRun) run(ctx context.Context, name string, requests int) StateResult {
	res := StateResult{Name: name, Requests: requests, Providers: len(stateProviders)}
	b, err := startBrokerProc(ctx, s.cfg.MaxPartitionBytes)
	if err != nil {
		res.Err = err
		return res
	}
	defer b.Close()
	s.kc = kclient.Config{Brokers: []string{b.addr}, ClientID: "leadgen-bench"}
	res.Err = s.measure(ctx, &res)
	return res
}

// measure joins the requests, sampling RSS, then restarts the aggregator:
// cleanly, and, for a store on disk, after deleting it.
func (s stateRun) measure(ctx context.Context, res *StateResult) error {
	agg, err := startAggregatorProc(ctx, s.kc.Brokers[0], s.dir, s.cache)
	if err != nil {
		return err
	}
	start := time.Now()
	produced := make(chan error, 1)
	var joined atomic.Int64
	go func() { produced <- produceStateResults(ctx, s.kc, s.names, res.Requests, &joined) }()
	err = s.follow(ctx, res, agg, produced, &joined)
	res.Took = time.Since(start)
	leads, lerr := agg.leads(ctx)
	if err = errors.Join(err, lerr, agg.Close()); err != nil {
		return err
	}
	if leads != int64(res.Requests) {
		return fmt.Errorf("%d lead versions for %d requests, each a company of its own", leads, res.Requests)
	}
	res.DiskBytes = dirBytes(s.dir)
	if s.dir == "" {
		return nil
	}
	if err := s.restore(ctx, res, "clean restart"); err != nil {
		return err
	}
	if err := os.RemoveAll(s.dir); err != nil {
		return err
	}
	return s.restore(ctx, res, "state dir deleted")
}

// follow waits until the aggregator has committed every result produced
// and says every lead is out, recording its RSS each time another
// StateSampleEvery requests are in, and in joined the results both of its
// stages are done with (results committed, and five per lead out).
func (s stateRun) follow(ctx context.Context, res *StateResult, agg *aggregatorProc, produced <-chan error, joined *atomic.Int64) error {
	cl, err := kclient.New(s.kc)
	if err != nil {
		return err
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	want, next := int64(res.Requests*res.Providers), s.cfg.StateSampleEvery
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	ctx, cancel := context.WithTimeout(ctx, s.cfg.StateTimeout)
	defer cancel()
	for {
		select {
		case err := <-produced:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return fmt.Errorf("joining %d results: %w", want, ctx.Err())
		case <-tick.C:
		}
		if err := agg.exited(); err != nil {
			return err
		}
		done, err := committed(ctx, adm, s.names.Results())
		if err != nil {
			continue // the group may be rebalancing
		}
		leads, err := agg.leads(ctx)
		if err != nil {
			continue
		}
		// The producer runs ahead of the leads out, not of the results
		// read: the lead stage's input must not outgrow the broker's cap.
		joined.Store(min(done, leads*int64(res.Providers)))
		for done >= int64(next*res.Providers) && next <= res.Requests {
			res.RSS = append(res.RSS, RSSSample{Requests: next, RSS: agg.rss()})
			next += s.cfg.StateSampleEvery
		}
		if done >= want && leads >= int64(res.Requests) {
			return nil
		}
	}
}

// leads is how many lead versions the aggregator has emitted.
func (a *aggregatorProc) leads(ctx context.Context) (int64, error) {
	fams, err := a.scrape(ctx)
	if err != nil {
		return 0, err
	}
	return int64(counter(fams, "leadgen_leads_total")), nil
}

// committed sums the aggregator group's committed offsets on topic.
func committed(ctx context.Context, adm *kadm.Client, topic string) (int64, error) {
	offs, err := adm.FetchOffsets(ctx, aggregator.Group(""))
	if err != nil {
		return 0, err
	}
	var n int64
	offs.Each(func(o kadm.OffsetResponse) {
		if o.Topic == topic && o.Err == nil {
			n += o.At
		}
	})
	return n, nil
}

// restore restarts the aggregator on its store and measures the restore.
func (s stateRun) restore(ctx context.Context, res *StateResult, name string) error {
	agg, err := startAggregatorProc(ctx, s.kc.Brokers[0], s.dir, s.cache)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.StateTimeout)
	defer cancel()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		fams, err := agg.scrape(ctx)
		if f := fams["leadgen_aggregator_state_restore_seconds"]; err == nil && f != nil && f.count > 0 {
			res.Restores = append(res.Restores, Restore{Name: name, Took: time.Duration(f.sum * float64(time.Second)),
				Replayed: int64(counter(fams, "leadgen_aggregator_state_replayed_records_total")),
				Bytes:    int64(counter(fams, "leadgen_aggregator_state_replayed_bytes_total"))})
			return agg.Close()
		}
		if err := agg.exited(); err != nil {
			return errors.Join(fmt.Errorf("restore after a %s: %w", name, err), agg.Close())
		}
		select {
		case <-ctx.Done():
			return errors.Join(fmt.Errorf("restore after a %s: %w", name, ctx.Err()), agg.Close())
		case <-tick.C:
		}
	}
}

// dirBytes is the size of the files under dir.
func dirBytes(dir string) int64 {
	if dir == "" {
		return 0
	}
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
