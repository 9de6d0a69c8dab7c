package bench

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// cpuTime is the process's user plus system CPU time so far. It covers the
// whole process: leadgen, the in-process broker and the sandbox.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxRSS is the process's peak resident set since it started (ru_maxrss,
// KiB on Linux), in bytes.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Maxrss) << 10
}

// currentRSS reads the resident set now from /proc/self/statm, or 0 where
// there is no /proc.
func currentRSS() int64 { return statmRSS("/proc/self/statm") }

// statmRSS reads a process's resident set from its statm file, or 0 where
// there is none.
func statmRSS(path string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

// rssSampler tracks the highest resident set seen while it runs, so each
// scenario gets its own peak (ru_maxrss only ever grows).
type rssSampler struct {
	mu   sync.Mutex
	peak int64
	stop context.CancelFunc
	done chan struct{}
}

func sampleRSS(every time.Duration) *rssSampler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &rssSampler{stop: cancel, done: make(chan struct{})}
	go s.run(ctx, every)
	return s
}

func (s *rssSampler) run(ctx context.Context, every time.Duration) {
	defer close(s.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s.observe()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *rssSampler) observe() {
	rss := currentRSS()
	s.mu.Lock()
	s.peak = max(s.peak, rss)
	s.mu.Unlock()
}

// Stop ends sampling and returns the peak seen.
func (s *rssSampler) Stop() int64 {
	s.stop()
	<-s.done
	s.observe()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}
