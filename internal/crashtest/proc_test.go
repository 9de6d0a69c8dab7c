//go:build crash

package crashtest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildLeadgen compiles the leadgen binary into dir, with the race
// detector when race is set. The test runs in internal/crashtest, so the
// command is two levels up.
func buildLeadgen(t testing.TB, dir string, race bool) string {
	t.Helper()
	bin := filepath.Join(dir, "leadgen")
	start := time.Now()
	args := []string{"build", "-o", bin}
	if race {
		args = append(args, "-race")
	}
	out, err := exec.Command("go", append(args, "../../cmd/leadgen")...).CombinedOutput()
	if err != nil {
		t.Fatalf("go build ../../cmd/leadgen: %v\n%s", err, out)
	}
	t.Logf("built %s in %s", bin, time.Since(start).Round(time.Millisecond))
	return bin
}

// freePort returns a TCP port nobody listens on right now.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// role is one long-running process of the system under test (a broker, a
// worker, redis-server...), across all its incarnations. Like a process
// supervisor (systemd, Kubernetes) it restarts an incarnation that exits
// on its own, and it counts those exits: leadgen's design relies on being
// restarted after a fatal error (e.g. the aggregator after an indefinite
// transaction error), so the suite plays that part and reports it.
type role struct {
	name  string
	path  string
	args  []string
	ready string   // substring of an output line that says the process is up
	watch []string // substrings whose last appearance LastSeen reports
	logf  func(format string, args ...any)

	logMu sync.Mutex
	log   *os.File
	tail  []string             // last lines of output, for failure reports
	seen  map[string]time.Time // when each watch substring was last printed
	// saw is closed, and replaced, whenever a watch substring is printed.
	saw chan struct{}

	mu        sync.Mutex // serialises start, kill and stop
	cur       *incarnation
	stopping  bool
	starts    int
	selfExits []string // how each incarnation that exited on its own ended
}

type incarnation struct {
	cmd    *exec.Cmd
	done   chan struct{} // closed when the process has exited and its output is read
	err    error         // Wait's result, valid after done
	killed bool          // we sent SIGKILL/SIGTERM: not a self-exit
	ready  chan string   // the first output line holding role.ready
	start  time.Time
}

const tailLines = 40

// newRole prepares a role whose output goes to logDir/name.log.
func newRole(t testing.TB, logDir, name, path string, ready string, args ...string) *role {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(logDir, name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	r := &role{name: name, path: path, args: args, ready: ready, log: f, logf: t.Logf, seen: map[string]time.Time{}, saw: make(chan struct{})}
	t.Cleanup(func() {
		r.kill() // whatever is left after a failed test
		r.logMu.Lock()
		_ = r.log.Close()
		r.logMu.Unlock()
	})
	return r
}

func (r *role) line(stream, text string) {
	r.logMu.Lock()
	defer r.logMu.Unlock()
	fmt.Fprintf(r.log, "%s %s %s\n", time.Now().Format("15:04:05.000"), stream, text)
	r.tail = append(r.tail, stream+" "+text)
	if len(r.tail) > tailLines {
		r.tail = r.tail[len(r.tail)-tailLines:]
	}
}

// LastSeen says when a line holding w (one of role.watch) was last
// printed, and when the running incarnation started.
func (r *role) LastSeen(w string) (seen, started time.Time) {
	r.mu.Lock()
	if r.cur != nil {
		started = r.cur.start
	}
	r.mu.Unlock()
	r.logMu.Lock()
	defer r.logMu.Unlock()
	return r.seen[w], started
}

// WaitSeen waits until a line holding w (one of role.watch) is printed
// after after, for at most limit; it reports whether one was.
func (r *role) WaitSeen(ctx context.Context, w string, after time.Time, limit time.Duration) bool {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		r.logMu.Lock()
		seen, saw := r.seen[w], r.saw
		r.logMu.Unlock()
		if seen.After(after) {
			return true
		}
		select {
		case <-saw:
		case <-timer.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// Tail returns the last lines the role's processes wrote.
func (r *role) Tail() []string {
	r.logMu.Lock()
	defer r.logMu.Unlock()
	return append([]string(nil), r.tail...)
}

// Start starts a new incarnation and waits until it prints its ready line.
func (r *role) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.startLocked(ctx)
}

func (r *role) startLocked(ctx context.Context) error {
	if r.cur != nil && !r.exited(r.cur) {
		return fmt.Errorf("%s: already running", r.name)
	}
	r.starts++
	r.line("----", fmt.Sprintf("start #%d: %s %s", r.starts, filepath.Base(r.path), strings.Join(r.args, " ")))
	cmd := exec.Command(r.path, r.args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: start: %w", r.name, err)
	}
	inc := &incarnation{cmd: cmd, done: make(chan struct{}), ready: make(chan string, 1), start: time.Now()}
	r.cur = inc
	var readers sync.WaitGroup
	for _, s := range []struct {
		name string
		rd   io.Reader
	}{{"out", stdout}, {"err", stderr}} {
		readers.Add(1)
		go func() {
			defer readers.Done()
			sc := bufio.NewScanner(s.rd)
			sc.Buffer(make([]byte, 64<<10), 4<<20)
			for sc.Scan() {
				text := sc.Text()
				r.line(s.name, text)
				for _, w := range r.watch {
					if strings.Contains(text, w) {
						r.logMu.Lock()
						r.seen[w] = time.Now()
						close(r.saw)
						r.saw = make(chan struct{})
						r.logMu.Unlock()
					}
				}
				if r.ready != "" && strings.Contains(text, r.ready) {
					select {
					case inc.ready <- text:
					default:
					}
				}
			}
		}()
	}
	go func() {
		readers.Wait() // Wait must not run before the pipes are drained
		inc.err = cmd.Wait()
		close(inc.done)
		r.supervise(inc)
	}()
	if r.ready == "" {
		return nil
	}
	timer := time.NewTimer(60 * time.Second)
	defer timer.Stop()
	select {
	case <-inc.ready:
		return nil
	case <-inc.done:
		return fmt.Errorf("%s exited before it was ready (%v); last output:\n%s", r.name, inc.err, strings.Join(r.Tail(), "\n"))
	case <-timer.C:
		return fmt.Errorf("%s not ready after 60s; last output:\n%s", r.name, strings.Join(r.Tail(), "\n"))
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *role) exited(inc *incarnation) bool {
	select {
	case <-inc.done:
		return true
	default:
		return false
	}
}

// supervise restarts an incarnation that exited without being told to,
// after a short back-off, as a process supervisor would.
func (r *role) supervise(inc *incarnation) {
	r.mu.Lock()
	if inc.killed || r.stopping || r.cur != inc {
		r.mu.Unlock()
		return
	}
	tail := r.Tail()
	if len(tail) > 6 {
		tail = tail[len(tail)-6:]
	}
	note := fmt.Sprintf("%s exited on its own (%v) at %s; last output:\n    %s", r.name, inc.err,
		time.Now().Format("15:04:05.000"), strings.Join(tail, "\n    "))
	r.selfExits = append(r.selfExits, note)
	r.mu.Unlock()
	r.logf("supervisor: %s; restarting it in 500ms", note)
	time.Sleep(500 * time.Millisecond) // restart back-off, as a supervisor has
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopping || r.cur != inc {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	if err := r.startLocked(ctx); err != nil {
		r.logf("supervisor: restart of %s failed: %v", r.name, err)
	}
}

// Kill9 sends SIGKILL to the running incarnation and waits until it has
// exited; it reports false when none was running.
func (r *role) Kill9() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.signalLocked(syscall.SIGKILL, 0)
}

func (r *role) signalLocked(sig syscall.Signal, grace time.Duration) bool {
	inc := r.cur
	if inc == nil || r.exited(inc) {
		return false
	}
	inc.killed = true
	r.line("----", "sending "+sig.String())
	_ = inc.cmd.Process.Signal(sig)
	if grace > 0 {
		select {
		case <-inc.done:
			return true
		case <-time.After(grace):
			r.line("----", fmt.Sprintf("still running %s after %s: SIGKILL", sig, grace))
			_ = inc.cmd.Process.Signal(syscall.SIGKILL)
		}
	}
	<-inc.done
	return true
}

// DumpStacks sends SIGQUIT, which makes a Go process print every
// goroutine's stack to stderr (kept in the role's log) and exit; for
// diagnosing a stall. The role is not restarted.
func (r *role) DumpStacks() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopping = true
	r.signalLocked(syscall.SIGQUIT, 10*time.Second)
}

// Freeze stops the running incarnation with SIGSTOP (as a long GC pause or
// a frozen VM would); Thaw resumes it with SIGCONT.
func (r *role) Freeze() bool { return r.signal(syscall.SIGSTOP) }

// Thaw resumes a frozen incarnation.
func (r *role) Thaw() bool { return r.signal(syscall.SIGCONT) }

func (r *role) signal(sig syscall.Signal) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cur == nil || r.exited(r.cur) {
		return false
	}
	r.line("----", "sending "+sig.String())
	return r.cur.cmd.Process.Signal(sig) == nil
}

// Stop ends the role for good: SIGTERM, then SIGKILL after grace. It
// reports how the last incarnation exited.
func (r *role) Stop(grace time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopping = true
	inc := r.cur
	if inc == nil {
		return nil
	}
	if !r.signalLocked(syscall.SIGTERM, grace) {
		return fmt.Errorf("%s was not running", r.name)
	}
	return inc.err
}

// kill ends the role at once (cleanup).
func (r *role) kill() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopping = true
	r.signalLocked(syscall.SIGKILL, 0)
}

// SelfExits lists the incarnations that exited on their own.
func (r *role) SelfExits() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.selfExits...)
}

// Running says whether an incarnation is running now.
func (r *role) Running() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cur != nil && !r.exited(r.cur)
}

// startRedis prepares a redis-server on a fixed port, so it can be killed
// and started again where the workers expect it. The suite fails, not
// skips, without redis-server: CI installs it.
func startRedis(t testing.TB, ctx context.Context, logDir, name string) (*role, string) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("crash suite: redis-server not found on PATH. It needs a real redis-server it can kill -9 and restart " +
			"(install it: apt-get install redis-server; .ci/run does). Not skipping: the suite must run in CI.")
	}
	port := freePort(t)
	dir := t.TempDir()
	r := newRole(t, logDir, name, bin, "Ready to accept connections",
		"--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return r, fmt.Sprintf("redis://127.0.0.1:%d/0", port)
}

// scanLogs finds lines in the logs that no run should print.
func scanLogs(logDir string) ([]string, error) {
	entries, err := os.ReadDir(logDir)
	if err != nil {
		return nil, err
	}
	var bad []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(logDir, e.Name()))
		if err != nil {
			return nil, err
		}
		for _, l := range strings.Split(string(b), "\n") {
			for _, s := range []string{"panic:", "fatal error:", "DATA RACE", "goroutine "} {
				if strings.Contains(l, s) && !strings.Contains(l, `"msg"`) {
					bad = append(bad, e.Name()+": "+l)
					break
				}
			}
		}
	}
	return bad, nil
}
