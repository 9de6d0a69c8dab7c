// Package shutdown bounds how long a role takes to stop. When a role's run
// context ends, its Deadline fixes the moment by which Run must have
// returned, and hands out earlier moments for each phase of the stop
// (finish in-flight work, commit, leave the group), so no phase can eat
// the others' time and none waits without limit, even with the brokers
// gone.
package shutdown

import (
	"context"
	"errors"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// DefaultTimeout is the default bound of a stop: Kubernetes' default
// termination grace period, after which it kills the process anyway.
const DefaultTimeout = 30 * time.Second

// ErrDeadline is the cause of a context ended by a Deadline.
var ErrDeadline = errors.New("shutdown deadline passed")

// Deadline is the moment, timeout after a context ends, by which a
// stopping role must be done. Create it with After.
type Deadline struct {
	timeout time.Duration
	ended   chan struct{} // closed when the context ends; at is set first
	at      time.Time
	release func() bool
}

// After returns the deadline timeout after ctx ends; Release frees it
// when the role is done.
func After(ctx context.Context, timeout time.Duration) *Deadline {
	d := &Deadline{timeout: timeout, ended: make(chan struct{})}
	d.release = context.AfterFunc(ctx, func() {
		d.at = time.Now().Add(timeout)
		close(d.ended)
	})
	return d
}

// Release stops watching the context.
func (d *Deadline) Release() { d.release() }

// Reserve is the part of the timeout kept back from in-flight work for
// the final commit and leaving the group: half, at most 5s.
func (d *Deadline) Reserve() time.Duration { return min(d.timeout/2, 5*time.Second) }

// Within returns ctx, ended early once the stop has begun: keep before
// the deadline. Before the stop begins it ends only with ctx, so it also
// suits work, such as a rebalance callback, that may run either side of
// the stop.
func (d *Deadline) Within(ctx context.Context, keep time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-d.ended:
		}
		t := time.NewTimer(time.Until(d.at.Add(-keep)))
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
			cancel(ErrDeadline)
		}
	}()
	return ctx, func() { cancel(context.Canceled) }
}

// Wait waits for done until keep before the deadline and says whether
// done came first. It waits without limit before the stop begins.
func (d *Deadline) Wait(done <-chan struct{}, keep time.Duration) bool {
	ctx, cancel := d.Within(context.Background(), keep)
	defer cancel()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// Close leaves cl's group and closes it, giving up at the deadline. With
// the brokers gone, leaving and the commits of the revoke callback would
// otherwise retry for 30s each; closing also fails the records still
// buffered, which releases handlers blocked producing them. It says
// whether the close finished; if not, it goes on in the background.
func (d *Deadline) Close(cl *kgo.Client) bool {
	ctx, cancel := d.Within(context.Background(), 0)
	defer cancel()
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		_ = cl.LeaveGroupContext(ctx) // an error means the group times us out instead
		cl.Close()
	}()
	select {
	case <-closed:
		return true
	case <-ctx.Done():
		return false
	}
}
