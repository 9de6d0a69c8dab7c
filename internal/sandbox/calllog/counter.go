// Package calllog records the calls a sandbox API receives: how many
// reached each request path, and when each API was called.
package calllog

import (
	"strings"
	"sync"
	"sync/atomic"
)

// maxTrackedPaths bounds the call counter's memory: calls to paths first
// seen after this many distinct ones are not counted per path.
const maxTrackedPaths = 1 << 16

// Counter counts API calls per request path; the zero value is empty
// and ready, and it is safe for concurrent use.
type Counter struct {
	mu    sync.RWMutex
	paths map[string]*atomic.Int64
}

// Add counts a call to path and returns the path's count so far, or 0
// for a path past the bound.
func (c *Counter) Add(path string) int64 {
	c.mu.RLock()
	n := c.paths[path]
	c.mu.RUnlock()
	if n == nil {
		n = c.slot(path)
	}
	if n == nil {
		return 0
	}
	return n.Add(1)
}

func (c *Counter) slot(path string) *atomic.Int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := c.paths[path]; n != nil {
		return n
	}
	if len(c.paths) >= maxTrackedPaths {
		return nil
	}
	if c.paths == nil {
		c.paths = map[string]*atomic.Int64{}
	}
	n := new(atomic.Int64)
	c.paths[path] = n
	return n
}

// Calls returns how many calls reached a path starting with prefix.
func (c *Counter) Calls(prefix string) int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var total int64
	for path, n := range c.paths {
		if strings.HasPrefix(path, prefix) {
			total += n.Load()
		}
	}
	return total
}
