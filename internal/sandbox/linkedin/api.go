package linkedin

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// NoPermissionPrefix starts a sandbox LinkedIn token that lacks
// rw_organization_admin, as a member token issued without the Community
// Management API product's scopes: every call with it is 403
// ACCESS_DENIED. Tokens minted from a refresh token with this prefix keep
// it.
const NoPermissionPrefix = "noperm-"

var versionForm = regexp.MustCompile(`^20[0-9]{2}(0[1-9]|1[0-2])$`)

// Prefix is the path the API is served under, as
// https://api.linkedin.com and https://www.linkedin.com are.
const Prefix = "/linkedin"

// Mount adds the API's routes under Prefix to mux, the token endpoint
// among them; meter enforces the per-token quota (nil: none). The real
// quota is daily and resets at midnight UTC; the sandbox's window starts
// at the token's first call and its length is configurable, so tests
// can shrink the day.
func Mount(mux *http.ServeMux, meter *quota.Meter) {
	routes := route.New(mux, meter, memberToken)
	routes.HandleFunc("GET "+Prefix+"/rest/organizations", finder)
	routes.HandleFunc("GET "+Prefix+"/rest/organizations/{id}", byID)
	mux.HandleFunc("POST "+TokenPath, accessToken)
	routes.Handle(Prefix+"/", notFound)
}

// memberToken reads what every versioned LinkedIn call must send, and
// refuses a call in the order LinkedIn checks it: the bearer token, then
// the LinkedIn-Version and Rest.li protocol headers, then the token's
// permission (see NoPermissionPrefix).
func memberToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	token, ok := respond.Bearer(r)
	switch {
	case !ok:
		emptyToken.Write(w)
	case token == respond.RejectedKey:
		Unauthorized.Write(w)
	case !versionForm.MatchString(r.Header.Get("LinkedIn-Version")):
		noVersion.Write(w)
	case r.Header.Get("X-Restli-Protocol-Version") != "2.0.0":
		noProtocol.Write(w)
	case strings.HasPrefix(token, NoPermissionPrefix):
		accessDenied(w, r)
	default:
		return token, true
	}
	return "", false
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
