package sandbox

import (
	"strings"
	"sync"
	"sync/atomic"
)

// maxTrackedPaths bounds the call counter's memory: calls to paths first
// seen after this many distinct ones are not counted per path.
const maxTrackedPaths = 1 << 16

// callCounter counts API calls per request path.
type callCounter struct {
	mu    sync.RWMutex
	paths map[string]*atomic.Int64
}

// add counts a call to path and returns the path's count so far, or 0
// for a path past the bound.
func (c *callCounter) add(path string) int64 {
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

func (c *callCounter) slot(path string) *atomic.Int64 {
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

// Calls returns how many API calls reached a path starting with prefix,
// e.g. "/companies-house/" for every Companies House call or
// "/companies-house/company/12345678/officers" for one route of one
// company. Calls refused for auth, quota or an injected fault count too:
// the client made them.
func (s *Server) Calls(prefix string) int64 {
	s.calls.mu.RLock()
	defer s.calls.mu.RUnlock()
	var total int64
	for path, n := range s.calls.paths {
		if strings.HasPrefix(path, prefix) {
			total += n.Load()
		}
	}
	return total
}
