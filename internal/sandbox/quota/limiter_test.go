package quota

import (
	"testing"
	"time"
)

func TestRateLimitWindowRestartsAfterItEnds(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(1, time.Minute, func() time.Time { return now })
	if !l.take("k").Allowed || l.take("k").Allowed {
		t.Fatal("want the first call allowed and the second refused")
	}
	now = now.Add(time.Minute)
	if q := l.take("k"); !q.Allowed || q.Remaining != 0 {
		t.Fatalf("after the window: %+v, want a fresh window", q)
	}
}
