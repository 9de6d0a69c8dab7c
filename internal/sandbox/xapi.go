package sandbox

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// The X API v2 error bodies (shared/fixtures/x).
const (
	xUnauthorizedBody = `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`
	xRateLimitedBody  = `{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}`
	xUnavailableBody  = `{"title":"Service Unavailable","type":"about:blank","status":503,"detail":"Service Unavailable"}`
	xNoRouteBody      = `{"title":"Not Found Error","type":"about:blank","status":404,"detail":"Sorry, that page does not exist"}`
)

// xUserLookupLimit is the real users lookup quota per 15 minutes, sent in
// the x-rate-limit-limit header of an injected spent quota when no quota
// is configured.
const xUserLookupLimit = 300

// xSearchMax bounds max_results as the real recent search does.
const (
	xSearchMin = 10
	xSearchMax = 100
)

// xAuth wraps an X route with its bearer-token check and the per-token
// quota.
func (s *Server) xAuth(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearer(r)
		if !ok || token == rejectedKey {
			xUnauthorized(w)
			return
		}
		if s.admit(w, ProviderX, token) {
			h(w, r)
		}
	})
}

// bearer reads an Authorization: Bearer token.
func bearer(r *http.Request) (string, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return token, ok && token != ""
}

func xUnauthorized(w http.ResponseWriter) { writeRaw(w, http.StatusUnauthorized, xUnauthorizedBody) }

func xUnavailable(w http.ResponseWriter) {
	writeRaw(w, http.StatusServiceUnavailable, xUnavailableBody)
}

// xUsage writes the x-rate-limit-* headers X sends on every answer: the
// window's limit, what is left and its end (epoch seconds).
func xUsage(h http.Header, q quota) {
	limit := q.limit
	if limit == 0 {
		limit = xUserLookupLimit
	}
	h.Set("x-rate-limit-limit", strconv.Itoa(limit))
	h.Set("x-rate-limit-remaining", strconv.Itoa(q.remaining))
	h.Set("x-rate-limit-reset", epochHeader(q.reset))
}

// xRateLimited answers as X does when an endpoint's window is spent: 429
// with the window's reset in x-rate-limit-reset (epoch seconds) and no
// Retry-After.
func xRateLimited(w http.ResponseWriter, q quota) {
	q.remaining = 0
	xUsage(w.Header(), q)
	writeRaw(w, http.StatusTooManyRequests, xRateLimitedBody)
}

func xNoRoute(w http.ResponseWriter, _ *http.Request) { writeRaw(w, http.StatusNotFound, xNoRouteBody) }

// xInvalid is the 400 problem of a bad parameter.
func xInvalid(w http.ResponseWriter, param, value, message string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"errors": []map[string]any{{"parameters": map[string][]string{param: {value}}, "message": message}},
		"title":  "Invalid Request", "detail": "One or more parameters to your request was invalid.",
		"type": "https://api.twitter.com/2/problems/invalid-request",
	})
}

func (s *Server) xUserByUsername(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("username")
	if !handleForm.MatchString(name) {
		xInvalid(w, "username", name, "The `username` query parameter value ["+name+"] does not match ^[A-Za-z0-9_]{1,15}$")
		return
	}
	if c := s.xAccount(name); c != nil {
		writeJSON(w, http.StatusOK, map[string]any{"data": xUserOf(c)})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"errors": []xProblem{xNotFound(name, "username")}})
}

func (s *Server) xUsersBy(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("usernames")
	names := strings.Split(raw, ",")
	if raw == "" || len(names) > 100 {
		xInvalid(w, "usernames", raw, "The number of values in the `usernames` query parameter list must be between 1 and 100")
		return
	}
	var page xUsersPage
	for _, n := range names {
		if !handleForm.MatchString(n) {
			xInvalid(w, "usernames", n, "The `usernames` query parameter value ["+n+"] does not match ^[A-Za-z0-9_]{1,15}$")
			return
		}
		if c := s.xAccount(n); c != nil {
			page.Data = append(page.Data, xUserOf(c))
		} else {
			page.Errors = append(page.Errors, xNotFound(n, "usernames"))
		}
	}
	writeJSON(w, http.StatusOK, page)
}

// xAccount finds the company whose handle this is, in any case.
func (s *Server) xAccount(handle string) *Company {
	return socialIndex().byHandle[strings.ToLower(handle)]
}

// xURLQuery finds url:"host" in a search query.
var xURLQuery = regexp.MustCompile(`url:"?([^"\s]+)"?`)

// xPhraseQuery finds a quoted phrase in a search query.
var xPhraseQuery = regexp.MustCompile(`(?:^|\s)"([^"]+)"`)

func (s *Server) xSearchRecent(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("query"))
	if query == "" {
		xInvalid(w, "query", "", "The `query` query parameter can not be empty")
		return
	}
	n, ok := intParam(q, "max_results", xSearchMin)
	if !ok || n < xSearchMin || n > xSearchMax {
		v := q.Get("max_results")
		xInvalid(w, "max_results", v, "The `max_results` query parameter value ["+v+"] is not between 10 and 100")
		return
	}
	accounts := s.xSearchAccounts(query, n)
	writeJSON(w, http.StatusOK, xSearchPageOf(accounts, strings.Contains(q.Get("expansions"), "author_id")))
}

// xSearchAccounts are the accounts that posted about the query: the
// company of a url:"domain", or the companies a quoted phrase names.
func (s *Server) xSearchAccounts(query string, n int) []*Company {
	ix := socialIndex()
	var out []*Company
	if m := xURLQuery.FindStringSubmatch(query); m != nil {
		host := strings.TrimPrefix(strings.ToLower(m[1]), "www.")
		for _, c := range ix.byHandle {
			if c.Domain == host {
				out = append(out, c)
			}
		}
		return out
	}
	if m := xPhraseQuery.FindStringSubmatch(query); m != nil {
		for _, h := range s.data.search(m[1]) {
			if c := ix.byHandle[handleOf(h.company)]; c != nil && c.Number == h.company.Number && len(out) < n {
				out = append(out, c)
			}
		}
	}
	return out
}
