package bench

import (
	"context"
	"os"
	"runtime/trace"
	"testing"
	"time"

	"github.com/leadgen/leadgen/topics"
)

func TestTmpTimeline(t *testing.T) {
	if os.Getenv("BENCH_TL") == "" {
		t.Skip()
	}
	cfg := Config{}
	cfg.Defaults()
	ctx, fail := context.WithCancelCause(context.Background())
	e, _ := startEnv(ctx, &cfg, topics.Names{}, 0)
	defer e.Close()
	e.keepEveryLead(ctx)
	r, _ := startPipeline(ctx, &cfg, e, fail)
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	r.sendAndWait(wctx, requestIDs("warm", 50), 0)
	ids := requestIDs("x", 5000)
	tf, _ := os.Create("/tmp/trace.out")
	trace.Start(tf)
	defer func() { trace.Stop(); tf.Close() }()
	stop := make(chan struct{})
	go func() {
		start, cpu0, n0 := time.Now(), cpuTime(), r.prov.snapshot().n
		tk := time.NewTicker(200 * time.Millisecond)
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
			}
			r.leads.mu.Lock()
			leads := len(r.leads.first) - 50
			r.leads.mu.Unlock()
			t.Logf("%5dms lookups %5d leads %5d cpu %.2f cores", time.Since(start).Milliseconds(), r.prov.snapshot().n-n0, leads,
				(cpuTime()-cpu0).Seconds()/time.Since(start).Seconds())
		}
	}()
	if err := r.sendAndWait(wctx, ids, 0); err != nil {
		t.Fatal(err)
	}
	close(stop)
	r.stop()
}
