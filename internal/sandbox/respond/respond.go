// Package respond writes the answers of the simulated APIs and reads
// what every API's requests share: JSON bodies, paging parameters, bearer
// tokens and the one credential every API refuses.
package respond

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// WriteJSON answers status with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// An encode error here means the client went away; nobody is left to
	// tell.
	_ = json.NewEncoder(w).Encode(v)
}

// WriteRaw writes a fixed JSON body byte for byte as the real API does.
func WriteRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// IntParam reads a non-negative integer query parameter, def when absent.
func IntParam(q url.Values, name string, def int) (int, bool) {
	raw := q.Get(name)
	if raw == "" {
		return def, true
	}
	n, err := strconv.Atoi(raw)
	return n, err == nil && n >= 0
}

// Page returns the bounds of the page [start, start+size) within n
// items.
func Page(n, start, size int) (lo, hi int) {
	lo = min(start, n)
	return lo, min(lo+size, n)
}

// PageOf renders the items of the page [start, start+size) of all; an
// empty page is an empty list, never null.
func PageOf[T, U any](all []T, start, size int, render func(T) U) []U {
	lo, hi := Page(len(all), start, size)
	out := make([]U, 0, hi-lo)
	for _, item := range all[lo:hi] {
		out = append(out, render(item))
	}
	return out
}

// RejectedKey is the one credential every simulated API refuses, so
// clients can test their handling of a bad one.
const RejectedKey = "invalid"

// Bearer reads an Authorization: Bearer token.
func Bearer(r *http.Request) (string, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return token, ok && token != ""
}
