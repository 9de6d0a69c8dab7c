package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// An encode error here means the client went away; nobody is left to
	// tell.
	_ = json.NewEncoder(w).Encode(v)
}

// writeRaw writes a fixed JSON body byte for byte as the real API does.
func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// intParam reads a non-negative integer query parameter, def when absent.
func intParam(q url.Values, name string, def int) (int, bool) {
	raw := q.Get(name)
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	return n, err == nil && n >= 0
}

// window returns the bounds of the page [start, start+size) within n
// items.
func window(n, start, size int) (lo, hi int) {
	lo = min(start, n)
	return lo, min(lo+size, n)
}

func atoi64(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
