package pipeline

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	kafka "github.com/segmentio/kafka-go"
)

func TestTheAggregatorForgetsRequestsIdleLongerThanItsRetention(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	e := newEnv(t, sandbox.Config{})
	cfg := e.config(ch, RoleAggregator)
	cfg.Now, cfg.AggregatorRetention = now, time.Hour
	e.start(cfg)
	old, _ := requestsFor(1, 1100)
	e.request(old...)
	e.readCommitted(names.Leads(), leadsFor(ids(old)))

	clock.Add(int64(2 * time.Hour)) // the first request is now idle past the retention
	later, _ := requestsFor(1, 1110)
	e.request(later...)
	state := e.readCommitted(names.AggregatorState(), func(m []kafka.Message) bool {
		for _, x := range m {
			if string(x.Key) == old[0].RequestID && x.Value == nil {
				return true
			}
		}
		return false
	})
	if len(state) == 0 {
		t.Fatal("no tombstone for the idle request's state")
	}
}
