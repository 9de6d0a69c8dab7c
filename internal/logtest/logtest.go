// Package logtest gives tests a log destination several goroutines can
// write to while the test counts what was logged.
package logtest

import (
	"bytes"
	"strings"
	"sync"
)

// Buffer collects log lines written from several goroutines.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write implements io.Writer.
func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// Count is how many times s was logged so far.
func (l *Buffer) Count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), s)
}

// Lines are the lines logged so far.
func (l *Buffer) Lines() []string {
	return strings.Split(strings.TrimRight(l.String(), "\n"), "\n")
}

// String is everything logged so far.
func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
