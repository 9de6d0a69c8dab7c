package bench

import (
	"testing"
	"time"
)

func ms(ns ...int) []time.Duration {
	var out []time.Duration
	for _, n := range ns {
		out = append(out, time.Duration(n)*time.Millisecond)
	}
	return out
}

func TestPercentileUsesNearestRankOnUnsortedSamples(t *testing.T) {
	s := ms(50, 10, 40, 20, 30, 100, 90, 80, 70, 60)
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0, 10 * time.Millisecond}, {10, 10 * time.Millisecond}, {11, 20 * time.Millisecond},
		{50, 50 * time.Millisecond}, {95, 100 * time.Millisecond}, {100, 100 * time.Millisecond}} {
		if got := Percentile(s, c.p); got != c.want {
			t.Errorf("p%g = %s, want %s", c.p, got, c.want)
		}
	}
	if s[0] != 50*time.Millisecond {
		t.Error("Percentile sorted the caller's slice")
	}
}

func TestPercentileOfNothingIsZero(t *testing.T) {
	if got := Percentile(nil, 99); got != 0 {
		t.Errorf("p99 of no samples = %s", got)
	}
	if got := Summarize(nil); got != (Latencies{}) {
		t.Errorf("summary of no samples = %+v", got)
	}
}

func TestSummarizeOfAHundredSamples(t *testing.T) {
	var s []time.Duration
	for i := 100; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	got := Summarize(s)
	want := Latencies{N: 100, P50: 50 * time.Millisecond, P95: 95 * time.Millisecond, P99: 99 * time.Millisecond, Max: 100 * time.Millisecond}
	if got != want {
		t.Errorf("summary %+v, want %+v", got, want)
	}
}

func TestPerSecondAndRatioGuardAgainstZero(t *testing.T) {
	if got := PerSecond(500, 2*time.Second); got != 250 {
		t.Errorf("500 in 2s = %g/s", got)
	}
	if PerSecond(1, 0) != 0 || Ratio(1, 0) != 0 {
		t.Error("division by zero not guarded")
	}
	if got := Ratio(300, 2); got != 150 {
		t.Errorf("ratio %g", got)
	}
}
