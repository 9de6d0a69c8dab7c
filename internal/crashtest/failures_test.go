//go:build crash

package crashtest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// suiteT is the suite's *testing.T that also keeps every failure
// message, so the end of the output (after the processes' last lines,
// which a CI log may be cut to) says again why the run failed.
type suiteT struct {
	*testing.T
	mu       sync.Mutex
	failures []string
}

func (t *suiteT) keep(msg string) {
	const most = 400
	if len(msg) > most {
		msg = msg[:most] + "…"
	}
	t.mu.Lock()
	t.failures = append(t.failures, msg)
	t.mu.Unlock()
}

// Error records args and fails the test.
func (t *suiteT) Error(args ...any) {
	t.Helper()
	t.keep(fmt.Sprint(args...))
	t.T.Error(args...)
}

// Errorf records the message and fails the test.
func (t *suiteT) Errorf(format string, args ...any) {
	t.Helper()
	t.keep(fmt.Sprintf(format, args...))
	t.T.Errorf(format, args...)
}

// Fatal records args and stops the test.
func (t *suiteT) Fatal(args ...any) {
	t.Helper()
	t.keep(fmt.Sprint(args...))
	t.T.Fatal(args...)
}

// Fatalf records the message and stops the test.
func (t *suiteT) Fatalf(format string, args ...any) {
	t.Helper()
	t.keep(fmt.Sprintf(format, args...))
	t.T.Fatalf(format, args...)
}

// repeatFailures prints the kept failure messages, the run's last
// lines; it is registered as the first cleanup so it runs last.
func (t *suiteT) repeatFailures() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.failures) == 0 {
		return
	}
	t.Logf("the run failed on %d checks, the first of them:\n    %s", len(t.failures), strings.Join(head(t.failures, 10), "\n    "))
}
