package chstream_test

import (
	"context"
	"errors"
	"github.com/leadgen/leadgen/internal/logtest"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/sandbox"
)

const start = 1_000_000

// errDone ends a Follow once the last event of a finite stream arrived.
var errDone = errors.New("done")

// lockedBuffer collects log lines written from several goroutines.
type lockedBuffer = logtest.Buffer

// streamServer serves a sandbox with cfg over HTTP.
func streamServer(t *testing.T, cfg sandbox.Config) (url string) {
	t.Helper()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	sb, err := sandbox.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return srv.URL + sandbox.CompaniesHouseStreamPrefix
}

// countingTransport counts the client's connections open at once: from
// sending a request until its response's body is closed, when the client
// gives the connection up. (The server sees a closed connection end a
// moment later, so counting there would count a closed one with the next.)
type countingTransport struct {
	open, peak atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := c.open.Add(1)
	for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		c.open.Add(-1)
		return nil, err
	}
	resp.Body = &countedBody{ReadCloser: resp.Body, open: &c.open}
	return resp, nil
}

type countedBody struct {
	io.ReadCloser
	open *atomic.Int64
	once sync.Once
}

func (b *countedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(func() { b.open.Add(-1) })
	return err
}

func newClient(t *testing.T, url string, logs io.Writer) *chstream.Client {
	t.Helper()
	return newClientOver(t, url, logs, nil)
}

// newClientOver is newClient calling through hc (nil: the default).
func newClientOver(t *testing.T, url string, logs io.Writer, hc *http.Client) *chstream.Client {
	t.Helper()
	c, err := chstream.New(chstream.Config{URL: url, Key: "stream-key-secret", MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(logs, nil)), HTTP: hc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// collect follows s from `from` until the event at last, skipping
// timepoints already seen as a consumer of the stream must, and returns
// the timepoints in the order handled.
func collect(t *testing.T, c *chstream.Client, s chstream.Stream, from, last int64) []int64 {
	t.Helper()
	var got []int64
	err := c.Follow(t.Context(), s, from, func(ev *chstream.Event) error {
		if n := len(got); n > 0 && ev.Event.Timepoint <= got[n-1] {
			return nil
		}
		if ev.CompanyNumber() == "" {
			t.Errorf("event %d: no company number in %q", ev.Event.Timepoint, ev.ResourceURI)
		}
		got = append(got, ev.Event.Timepoint)
		if ev.Event.Timepoint == last {
			return errDone
		}
		return nil
	})
	if !errors.Is(err, errDone) {
		t.Fatalf("follow %s: %v", s, err)
	}
	return got
}

func wantContiguous(t *testing.T, got []int64, first, last int64) {
	t.Helper()
	if len(got) != int(last-first+1) || got[0] != first || got[len(got)-1] != last {
		t.Fatalf("got %d events %v..., want every timepoint %d..%d once", len(got), got[:min(len(got), 5)], first, last)
	}
	for i := 1; i < len(got); i++ {
		if got[i] != got[i-1]+1 {
			t.Fatalf("timepoint %d follows %d: an event was lost", got[i], got[i-1])
		}
	}
}

func TestEventsSplitAcrossChunksAndHeartbeatsArriveWhole(t *testing.T) {
	url := streamServer(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 200, SplitChunks: true}})
	got := collect(t, newClient(t, url, io.Discard), chstream.Officers, 0, start+199)
	wantContiguous(t, got, start, start+199)
}

func TestADropEveryNEventsResumesFromTheLastTimepointAndLogsEachDropOnce(t *testing.T) {
	url := streamServer(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 100, DropEvery: 30}})
	var logs lockedBuffer
	got := collect(t, newClient(t, url, &logs), chstream.PSCs, 0, start+99)
	wantContiguous(t, got, start, start+99)
	// 100 events, each connection after the first resending the last
	// event of the one before: cut after 30, 59 and 88.
	if n := logs.Count("gap=dropped"); n != 3 {
		t.Errorf("logged %d drops, want 3:\n%s", n, logs.String())
	}
}

func TestATimepointTooOldRestartsFromNowAndLogsTheGapOnce(t *testing.T) {
	url := streamServer(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 20}})
	var logs lockedBuffer
	got := collect(t, newClient(t, url, &logs), chstream.Companies, 5, start+19)
	wantContiguous(t, got, start, start+19)
	if n := logs.Count("gap=timepoint_too_old"); n != 1 {
		t.Errorf("logged %d gaps, want 1:\n%s", n, logs.String())
	}
}

func TestA429IsWaitedOutAndLoggedOnce(t *testing.T) {
	url := streamServer(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 20},
		Faults: map[string]sandbox.Faults{sandbox.ProviderCompaniesHouseStream: {FirstCallsRateLimited: 1, RetryAfter: time.Second}}})
	var logs lockedBuffer
	got := collect(t, newClient(t, url, &logs), chstream.Officers, 0, start+19)
	wantContiguous(t, got, start, start+19)
	if n := logs.Count("gap=rate_limited"); n != 1 {
		t.Errorf("logged %d 429s, want 1:\n%s", n, logs.String())
	}
}

func TestThreeStreamsShareTheAccountsTwoConnections(t *testing.T) {
	url := streamServer(t, sandbox.Config{Stream: sandbox.StreamConfig{Events: 50, DropEvery: 20}})
	conns := &countingTransport{}
	c := newClientOver(t, url, io.Discard, &http.Client{Transport: conns})
	var wg sync.WaitGroup
	for _, s := range chstream.Streams {
		wg.Go(func() { wantContiguous(t, collect(t, c, s, 0, start+49), start, start+49) })
	}
	wg.Wait()
	if p := conns.peak.Load(); p > chstream.DefaultMaxConnections {
		t.Errorf("%d connections open at once, want at most %d", p, chstream.DefaultMaxConnections)
	} else if p < 2 {
		t.Errorf("at most %d connection open at once: the three streams never shared the account's two", p)
	}
}

func TestARefusedKeyEndsFollowWithoutNamingTheKey(t *testing.T) {
	url := streamServer(t, sandbox.Config{})
	c, err := chstream.New(chstream.Config{URL: url, Key: "invalid"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	err = c.Follow(ctx, chstream.Officers, 0, func(*chstream.Event) error { return nil })
	if !errors.Is(err, chstream.ErrUnauthorized) {
		t.Fatalf("got %v, want ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), "invalid") {
		t.Errorf("error %q names the key", err)
	}
}

func TestCompanyNumberOf(t *testing.T) {
	for uri, want := range map[string]string{
		"/company/01234567/appointments/abc":                              "01234567",
		"/company/SC123456":                                               "SC123456",
		"/company/NI000001/persons-with-significant-control/individual/x": "NI000001",
		"/disqualified-officers/natural/abc":                              "",
	} {
		if got := chstream.CompanyNumberOf(uri); got != want {
			t.Errorf("CompanyNumberOf(%q) = %q, want %q", uri, got, want)
		}
	}
}
