package chstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// follower is the state of one Follow: where to resume, and how long
// to wait before the next attempt.
type follower struct {
	c      *Client
	stream Stream
	next   int64 // timepoint to resume from; 0 is now
	handle Handler
	wait   *backoff.ExponentialBackOff
	// retryAfter is the wait a 429 asked for, if longer than the backoff.
	retryAfter time.Duration
	log        *slog.Logger
}

// errHandler marks an error of the handler, which ends Follow.
type errHandler struct{ err error }

func (e errHandler) Error() string { return e.err.Error() }
func (e errHandler) Unwrap() error { return e.err }

// connect opens the stream once and reads it to its end. It reports
// whether Follow should connect again, and the error that ends Follow
// otherwise.
func (f *follower) connect(ctx context.Context) (again bool, err error) {
	if err := f.c.acquire(ctx); err != nil {
		return false, err
	}
	defer f.c.release()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := f.c.request(ctx, f.stream, f.next)
	if err != nil {
		return false, err
	}
	resp, err := f.c.cfg.HTTP.Do(req)
	if err != nil {
		f.log.Warn("companies house stream: connection failed; reconnecting", "gap", "connect_failed", "timepoint", f.next, "err", scrub(err))
		f.interrupted("connect_failed")
		return true, nil
	}
	defer resp.Body.Close()
	return f.answer(ctx, cancel, resp)
}

// answer acts on the API's status and, on 200, reads the stream.
func (f *follower) answer(ctx context.Context, cancel context.CancelCauseFunc, resp *http.Response) (bool, error) {
	switch s := resp.StatusCode; {
	case s == http.StatusOK:
		return f.read(ctx, cancel, resp.Body)
	case s == http.StatusRequestedRangeNotSatisfiable:
		f.log.Warn("companies house stream: timepoint too old; restarting from now, events in between are lost (gap)",
			"gap", "timepoint_too_old", "timepoint", f.next)
		f.next = 0
		f.wait.Reset()
		f.interrupted("timepoint_too_old")
		return true, nil
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return false, fmt.Errorf("%w (%s, stream %s)", ErrUnauthorized, resp.Status, f.stream)
	case s == http.StatusTooManyRequests:
		f.retryAfter = retryAfter(resp.Header.Get("Retry-After"))
		f.log.Warn("companies house stream: rate limited (429); backing off", "gap", "rate_limited", "timepoint", f.next)
		f.interrupted("rate_limited")
		return true, nil
	default:
		f.log.Warn("companies house stream: refused; backing off", "gap", "refused", "status", s, "timepoint", f.next)
		f.interrupted("refused")
		return true, nil
	}
}

// read decodes events until the stream ends. encoding/json skips the
// blank heartbeat lines between objects and joins objects split across
// chunks.
func (f *follower) read(ctx context.Context, cancel context.CancelCauseFunc, body io.Reader) (bool, error) {
	idle := errors.New("no heartbeat within the idle timeout")
	timer := time.AfterFunc(f.c.cfg.IdleTimeout, func() { cancel(idle) })
	defer timer.Stop()
	dec := json.NewDecoder(&idleReader{r: body, timer: timer, idle: f.c.cfg.IdleTimeout})
	seen := 0
	for {
		var ev Event
		if err := dec.Decode(&ev); err != nil {
			if ctx.Err() != nil && context.Cause(ctx) != idle {
				return false, ctx.Err()
			}
			f.dropped(seen, err, context.Cause(ctx))
			return true, nil
		}
		if err := f.handle(&ev); err != nil {
			return false, errHandler{err}
		}
		if ev.Event.Timepoint > 0 {
			f.next = ev.Event.Timepoint
		}
		if seen++; seen == 1 {
			f.wait.Reset()
		}
	}
}

// dropped logs the end of a stream once.
func (f *follower) dropped(seen int, err, cause error) {
	if cause != nil {
		err = cause
	}
	if errors.Is(err, io.EOF) {
		err = errors.New("closed by the API")
	}
	f.log.Info("companies house stream: dropped; resuming from the last timepoint",
		"gap", "dropped", "timepoint", f.next, "events", seen, "err", scrub(err))
	f.interrupted("dropped")
}

// interrupted tells the OnInterruption hook, if any.
func (f *follower) interrupted(kind string) {
	if hook := f.c.cfg.OnInterruption; hook != nil {
		hook(f.stream, kind)
	}
}

// pause waits before the next attempt: the backoff, or longer if a 429
// asked for it.
func (f *follower) pause(ctx context.Context) error {
	d := max(f.wait.NextBackOff(), f.retryAfter)
	f.retryAfter = 0
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryAfter reads a Retry-After header in seconds; anything else is 0.
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(h)
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}

// scrub keeps the URL, and with it nothing of the request's
// credentials, out of a transport error: the key travels in the
// Authorization header only, but a *url.Error names the URL.
func scrub(err error) string {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil {
			return inner.Error()
		}
	}
	return err.Error()
}
