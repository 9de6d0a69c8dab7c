package x

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// userLookupLimit is the real users lookup quota per 15 minutes, sent in
// the x-rate-limit-limit header of an injected spent quota when no quota
// is configured.
const userLookupLimit = 300

// searchMax bounds max_results as the real recent search does.
const (
	searchMin = 10
	searchMax = 100
)

// Prefix is the path the API is served under, as https://api.x.com is.
const Prefix = "/x"

// Mount adds the API's routes under Prefix at its place, behind the
// per-token quota.
func Mount(at route.Place) {
	routes := at.Behind(bearerToken)
	routes.HandleFunc("GET "+Prefix+"/2/users/by/username/{username}", userByUsername)
	routes.HandleFunc("GET "+Prefix+"/2/users/by", usersBy)
	routes.HandleFunc("GET "+Prefix+"/2/tweets/search/recent", searchRecent)
	routes.Handle(Prefix+"/", noRoute)
}

// bearerToken reads the token X takes: a bearer token.
func bearerToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	token, ok := respond.Bearer(r)
	if !ok || token == respond.RejectedKey {
		Unauthorized.Write(w)
		return "", false
	}
	return token, true
}

// invalid is the 400 problem of a bad parameter.
func invalid(w http.ResponseWriter, param, value, message string) {
	respond.WriteJSON(w, http.StatusBadRequest, map[string]any{
		"errors": []map[string]any{{"parameters": map[string][]string{param: {value}}, "message": message}},
		"title":  "Invalid Request", "detail": "One or more parameters to your request was invalid.",
		"type": "https://api.twitter.com/2/problems/invalid-request",
	})
}

func userByUsername(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("username")
	if !dataset.HandleForm.MatchString(name) {
		invalid(w, "username", name, "The `username` query parameter value ["+name+"] does not match ^[A-Za-z0-9_]{1,15}$")
		return
	}
	if c := account(name); c != nil {
		respond.WriteJSON(w, http.StatusOK, map[string]any{"data": userOf(c)})
		return
	}
	respond.WriteJSON(w, http.StatusOK, map[string]any{"errors": []problem{notFound(name, "username")}})
}

func usersBy(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("usernames")
	names := strings.Split(raw, ",")
	if raw == "" || len(names) > 100 {
		invalid(w, "usernames", raw, "The number of values in the `usernames` query parameter list must be between 1 and 100")
		return
	}
	var page usersPage
	for _, n := range names {
		if !dataset.HandleForm.MatchString(n) {
			invalid(w, "usernames", n, "The `usernames` query parameter value ["+n+"] does not match ^[A-Za-z0-9_]{1,15}$")
			return
		}
		if c := account(n); c != nil {
			page.Data = append(page.Data, userOf(c))
		} else {
			page.Errors = append(page.Errors, notFound(n, "usernames"))
		}
	}
	respond.WriteJSON(w, http.StatusOK, page)
}

// account finds the company whose handle this is, in any case.
func account(handle string) *dataset.Company {
	return dataset.Social().ByHandle[strings.ToLower(handle)]
}

// urlQuery finds url:"host" in a search query.
var urlQuery = regexp.MustCompile(`url:"?([^"\s]+)"?`)

// phraseQuery finds a quoted phrase in a search query.
var phraseQuery = regexp.MustCompile(`(?:^|\s)"([^"]+)"`)

func searchRecent(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("query"))
	if query == "" {
		invalid(w, "query", "", "The `query` query parameter can not be empty")
		return
	}
	n, ok := respond.IntParam(q, "max_results", searchMin)
	if !ok || n < searchMin || n > searchMax {
		v := q.Get("max_results")
		invalid(w, "max_results", v, "The `max_results` query parameter value ["+v+"] is not between 10 and 100")
		return
	}
	accounts := searchAccounts(query, n)
	respond.WriteJSON(w, http.StatusOK, searchPageOf(accounts, strings.Contains(q.Get("expansions"), "author_id")))
}

// searchAccounts are the accounts that posted about the query: the
// company of a url:"domain", or the companies a quoted phrase names.
func searchAccounts(query string, n int) []*dataset.Company {
	ix := dataset.Social()
	var out []*dataset.Company
	if m := urlQuery.FindStringSubmatch(query); m != nil {
		host := strings.TrimPrefix(strings.ToLower(m[1]), "www.")
		for _, c := range ix.ByHandle {
			if c.Domain == host {
				out = append(out, c)
			}
		}
		return out
	}
	if m := phraseQuery.FindStringSubmatch(query); m != nil {
		for _, h := range dataset.Search(m[1]) {
			if c := ix.ByHandle[dataset.Handle(h.Company)]; c != nil && c.Number == h.Company.Number && len(out) < n {
				out = append(out, c)
			}
		}
	}
	return out
}
