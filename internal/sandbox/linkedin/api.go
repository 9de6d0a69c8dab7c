package linkedin

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
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

// server answers the API's routes from the dataset.
type server struct {
	meter *quota.Meter
}

// Mount adds the API's routes under Prefix to mux, the token endpoint
// among them; meter enforces the per-token quota (nil: none).
func Mount(mux *http.ServeMux, meter *quota.Meter) {
	s := &server{meter: meter}
	mux.Handle("GET "+Prefix+"/rest/organizations", s.li(s.finder))
	mux.Handle("GET "+Prefix+"/rest/organizations/{id}", s.li(s.byID))
	mux.HandleFunc("POST "+TokenPath, accessToken)
	mux.Handle(Prefix+"/", s.li(noRoute))
}

// li wraps a LinkedIn route with its checks, in the order LinkedIn makes
// them: the bearer token, then the LinkedIn-Version and Rest.li protocol
// headers every versioned call must send, then the token's permission
// (see NoPermissionPrefix); then the per-token quota. The
// real quota is daily and resets at midnight UTC; the sandbox's window
// starts at the token's first call and its length is configurable, so
// tests can shrink the day.
func (s *server) li(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := respond.Bearer(r)
		switch {
		case !ok:
			respond.WriteRaw(w, http.StatusUnauthorized, EmptyTokenBody)
		case token == respond.RejectedKey:
			Unauthorized(w)
		case !versionForm.MatchString(r.Header.Get("LinkedIn-Version")):
			respond.WriteRaw(w, http.StatusBadRequest, VersionBody)
		case r.Header.Get("X-Restli-Protocol-Version") != "2.0.0":
			respond.WriteRaw(w, http.StatusBadRequest, ProtocolBody)
		case strings.HasPrefix(token, NoPermissionPrefix):
			accessDenied(w, r)
		case s.meter.Admit(w, token):
			h(w, r)
		}
	})
}

// finder is GET /rest/organizations?q=vanityName&vanityName=: the page
// with that vanity name, or no elements.
func (s *server) finder(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("q") != "vanityName" || q.Get("vanityName") == "" {
		respond.WriteRaw(w, http.StatusBadRequest, BadFinderBody)
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
func (s *server) byID(w http.ResponseWriter, r *http.Request) {
	for _, c := range dataset.Social().ByVanity {
		if dataset.NumericID(c, "linkedin", 8) == r.PathValue("id") {
			respond.WriteJSON(w, http.StatusOK, organizationOf(c))
			return
		}
	}
	respond.WriteRaw(w, http.StatusNotFound, NotFoundBody)
}
