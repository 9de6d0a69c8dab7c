package fault

import (
	"bytes"
	"net/http"
	"time"
)

// The faults that alter the route's own answer: they run it into a
// buffer first.

// truncate answers 200 with the first half of the route's real body: a
// proper prefix of a JSON document is never valid JSON, and half a web
// page loses its end. The route's content type is kept.
func truncate(w http.ResponseWriter, r *http.Request, route http.Handler) {
	c := capture(w, r, route)
	body := c.body.Bytes()
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body[:len(body)/2])
}

// trickleChunks is how many pieces a slow body is sent in.
const trickleChunks = 16

// trickle sends the route's real status and headers at once, then its
// body in pieces spread over d; it stops when the client goes away.
func trickle(w http.ResponseWriter, r *http.Request, route http.Handler, d time.Duration) {
	c := capture(w, r, route)
	w.WriteHeader(c.status)
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	body := c.body.Bytes()
	size := max(1, (len(body)+trickleChunks-1)/trickleChunks)
	for len(body) > 0 {
		n := min(size, len(body))
		if _, err := w.Write(body[:n]); err != nil || rc.Flush() != nil {
			return
		}
		body = body[n:]
		if len(body) > 0 && !wait(r.Context(), d/trickleChunks) {
			return
		}
	}
}

// capture runs the route into a buffer; headers the route sets land on
// w, the status and body are kept for the fault to alter.
func capture(w http.ResponseWriter, r *http.Request, route http.Handler) *captured {
	c := &captured{header: w.Header()}
	route.ServeHTTP(c, r)
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c
}

// captured is a ResponseWriter that keeps what a route wrote.
type captured struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captured) Header() http.Header { return c.header }

func (c *captured) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}

func (c *captured) Write(b []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	return c.body.Write(b)
}
