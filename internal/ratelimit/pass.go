package ratelimit

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// Pass is one admitted lookup attempt: its first call was paid for when it
// was admitted; its later calls go ahead of lookups not yet admitted. It
// counts the calls the attempt made.
type Pass struct {
	l       *Limiter
	prepaid atomic.Int32
	calls   atomic.Int32
	limited atomic.Int32 // of calls, those answered 429
}

type passKey struct{}

// bind makes ctx carry p to the limiter's Transport.
func (p *Pass) bind(ctx context.Context) context.Context {
	return context.WithValue(ctx, passKey{}, p)
}

// passFor is the pass ctx carries for l, or nil.
func passFor(ctx context.Context, l *Limiter) *Pass {
	if p, ok := ctx.Value(passKey{}).(*Pass); ok && p.l == l {
		return p
	}
	return nil
}

// usePrepaid spends the call paid for at admission, if it is still there.
func (p *Pass) usePrepaid() bool {
	for {
		n := p.prepaid.Load()
		if n <= 0 {
			return false
		}
		if p.prepaid.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

func (p *Pass) count(limited bool) {
	if p == nil {
		return
	}
	p.calls.Add(1)
	if limited {
		p.limited.Add(1)
	}
}

// ErrStopped ends a wait for the quota whose record is no longer this
// process's to handle (its partition was revoked).
var ErrStopped = errors.New("stopped waiting for the quota: the record is being handed over")

type stopKey struct{}

// WithStop makes waits for the quota under ctx end with ErrStopped when
// stop is closed; a nil stop changes nothing.
func WithStop(ctx context.Context, stop <-chan struct{}) context.Context {
	if stop == nil {
		return ctx
	}
	return context.WithValue(ctx, stopKey{}, stop)
}

// stoppable derives a context that also ends when ctx's stop channel
// closes, with ErrStopped as its cause.
func stoppable(ctx context.Context) (context.Context, context.CancelFunc) {
	stop, _ := ctx.Value(stopKey{}).(<-chan struct{})
	if stop == nil {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	go func() {
		select {
		case <-stop:
			cancel(ErrStopped)
		case <-ctx.Done():
		}
	}()
	return ctx, func() { cancel(nil) }
}

// Admit waits, in arrival order and without a deadline, until a lookup's
// first call may be made, and returns its pass. Waiting is counted in the
// limiter's backlog gauges; it ends early when ctx ends (or its stop
// channel closes: ErrStopped), or, as rate_limited, when the API holds
// calls until after giveUp (zero: never).
func (l *Limiter) Admit(ctx context.Context, giveUp time.Time) (*Pass, error) {
	ctx, cancel := stoppable(ctx)
	defer cancel()
	start := l.now()
	l.enter()
	defer l.leave(start)
	if err := l.admit.Acquire(ctx, 1); err != nil {
		return nil, cause(ctx, err)
	}
	defer l.admit.Release(1)
	if err := l.take(ctx, giveUp); err != nil {
		return nil, cause(ctx, err)
	}
	p := &Pass{l: l}
	p.prepaid.Store(1)
	return p, nil
}

func cause(ctx context.Context, err error) error {
	if c := context.Cause(ctx); c != nil {
		return c
	}
	return err
}
