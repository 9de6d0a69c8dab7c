package shutdown

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// stopped returns a deadline whose stop began just now, and when.
func stopped(t *testing.T, timeout time.Duration) (*Deadline, time.Time) {
	t.Helper()
	run, stop := context.WithCancel(context.Background())
	d := After(run, timeout)
	t.Cleanup(func() { d.Release() })
	began := time.Now()
	stop()
	<-d.ended
	return d, began
}

func TestWithinRunsFreelyUntilTheStopBegins(t *testing.T) {
	run, stop := context.WithCancel(context.Background())
	defer stop()
	d := After(run, 0)
	defer d.Release()
	ctx, cancel := d.Within(context.Background(), 0)
	defer cancel()
	if !d.Wait(closed(), time.Hour) {
		t.Fatal("a wait for something already done did not return true")
	}
	if ctx.Err() != nil {
		t.Fatalf("a zero timeout ended the context before the stop began: %v", ctx.Err())
	}
}

func TestWithinEndsWhatItKeepsBeforeTheDeadline(t *testing.T) {
	d, began := stopped(t, 300*time.Millisecond)
	ctx, cancel := d.Within(context.Background(), 200*time.Millisecond)
	defer cancel()
	<-ctx.Done()
	if took := time.Since(began); took < 100*time.Millisecond || took > 250*time.Millisecond {
		t.Fatalf("ended %s after the stop began, want 100ms (the deadline less what it keeps)", took)
	}
	if !errors.Is(context.Cause(ctx), ErrDeadline) {
		t.Fatalf("cause %v, want ErrDeadline", context.Cause(ctx))
	}
}

func TestWaitGivesUpAtTheDeadline(t *testing.T) {
	d, began := stopped(t, 100*time.Millisecond)
	if d.Wait(make(chan struct{}), 0) {
		t.Fatal("a wait for something never done returned true")
	}
	if took := time.Since(began); took > 200*time.Millisecond {
		t.Fatalf("gave up %s after the stop began, want 100ms", took)
	}
}

func TestReserveIsHalfTheTimeoutUpToFiveSeconds(t *testing.T) {
	for timeout, want := range map[time.Duration]time.Duration{
		3 * time.Second: 1500 * time.Millisecond, 30 * time.Second: 5 * time.Second,
	} {
		if got := (&Deadline{timeout: timeout}).Reserve(); got != want {
			t.Errorf("reserve of %s = %s, want %s", timeout, got, want)
		}
	}
}

// Regression: with the broker gone, a group client's Close retried its
// LeaveGroup and pushed its last metrics for seconds after any deadline.
func TestCloseReturnsByTheDeadlineWithTheBrokerGone(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "t"))
	if err != nil {
		t.Fatal(err)
	}
	joined := make(chan struct{})
	var once sync.Once
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ConsumerGroup("g"), kgo.ConsumeTopics("t"),
		kgo.OnPartitionsAssigned(func(context.Context, *kgo.Client, map[string][]int32) { once.Do(func() { close(joined) }) }))
	if err != nil {
		t.Fatal(err)
	}
	poll, cancel := context.WithCancel(context.Background())
	go cl.PollFetches(poll)
	<-joined
	cancel()
	c.Close()
	d, began := stopped(t, 200*time.Millisecond)
	d.Close(cl)
	if took := time.Since(began); took > 300*time.Millisecond {
		t.Fatalf("Close returned %s after the stop began, want by the 200ms deadline", took)
	}
}

func closed() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}
