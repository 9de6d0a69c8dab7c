package linkedin

import (
	"net/http"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// Prefix is the path the API is served under, as
// https://api.linkedin.com and https://www.linkedin.com are.
const Prefix = "/linkedin"

// Mount adds the API's routes under Prefix at its place, the token
// endpoint among them, behind the per-token quota. The real
// quota is daily and resets at midnight UTC; the sandbox's window starts
// at the token's first call and its length is configurable, so tests
// can shrink the day.
func Mount(at route.Place) {
	routes := at.Behind(memberToken)
	routes.HandleFunc("GET "+Prefix+"/rest/organizations", finder)
	routes.HandleFunc("GET "+Prefix+"/rest/organizations/{id}", byID)
	at.HandleFunc("POST "+TokenPath, accessToken)
	routes.Handle(Prefix+"/", notFound)
}

// finder is GET /rest/organizations?q=vanityName&vanityName=: the page
// with that vanity name, or no elements.
func finder(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("q") != "vanityName" || q.Get("vanityName") == "" {
		badFinder.Write(w)
		return
	}
	c := dataset.Social().ByVanity[q.Get("vanityName")]
	if c == nil {
		respond.WriteRaw(w, http.StatusOK, EmptyFinderResult)
		return
	}
	respond.WriteJSON(w, http.StatusOK, finderPage{Paging: paging{Count: 10, Links: []any{}, Total: 1}, Elements: []organization{organizationOf(c)}})
}

// byID is GET /rest/organizations/{id}.
func byID(w http.ResponseWriter, r *http.Request) {
	for _, c := range dataset.Social().ByVanity {
		if dataset.NumericID(c, "linkedin", 8) == r.PathValue("id") {
			respond.WriteJSON(w, http.StatusOK, organizationOf(c))
			return
		}
	}
	notFound.Write(w)
}
