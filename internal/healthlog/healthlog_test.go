package healthlog

import (
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestAPublishedOpenBreakerMakesAProviderUnfitUntilItGoesStale(t *testing.T) {
	opts := embeddedtest.Opts(t)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	reg := health.New()
	reg.AddProvider("facebook", func() health.Provider {
		return health.Provider{State: health.Unhealthy, SuccessRate: 0.1, Lookups: 40, Breaker: "open"}
	})
	reg.AddProvider("x", func() health.Provider {
		return health.Provider{State: health.Healthy, SuccessRate: 1, Lookups: 9, Breaker: "closed"}
	})
	p := Publisher{Client: cl, Topic: "leadgen-provider-health", Instance: "w-1", Health: reg, Every: 5 * time.Second,
		Now: func() time.Time { return now }}
	if err := p.Publish(t.Context()); err != nil {
		t.Fatal(err)
	}
	snaps, err := Read(t.Context(), opts, "leadgen-provider-health")
	if err != nil || len(snaps) != 2 {
		t.Fatalf("read %d snapshots (%v), want 2", len(snaps), err)
	}
	fb := Judge(snaps, "facebook", now.Add(time.Second))
	if !fb.Unfit || fb.Reporting != 1 || !strings.Contains(fb.Reason, "breaker is open on w-1") {
		t.Fatalf("facebook verdict %+v, want unfit for its open breaker", fb)
	}
	if x := Judge(snaps, "x", now); x.Unfit || x.Reporting != 1 {
		t.Fatalf("x verdict %+v, want fit", x)
	}
	if stale := Judge(snaps, "facebook", now.Add(16*time.Second)); stale.Unfit || stale.Reporting != 0 {
		t.Fatalf("a snapshot three periods old still decides: %+v", stale)
	}
	if none := Judge(snaps, "linkedin", now); none.Unfit || !strings.Contains(none.Reason, "no worker has reported") {
		t.Fatalf("linkedin verdict %+v, want unknown, not unfit", none)
	}
}
