package sandbox

import (
	"net/http"
	"regexp"
	"strings"
)

// The LinkedIn REST error bodies (shared/fixtures/linkedin).
const (
	liEmptyTokenBody    = `{"message":"Empty oauth2_access_token","serviceErrorCode":401,"status":401}`
	liInvalidTokenBody  = `{"status":401,"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}`
	liRateLimitedBody   = `{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS","message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}`
	liThrottledBody     = `{"status":429,"serviceErrorCode":0,"code":"TOO_MANY_REQUESTS","message":"Too many requests. Please retry later."}`
	liUnavailableBody   = `{"status":503,"serviceErrorCode":0,"code":"SERVICE_UNAVAILABLE","message":"Service Unavailable"}`
	liVersionBody       = `{"status":400,"code":"VERSION_MISSING","message":"A version must be present. Please specify a version by adding the LinkedIn-Version header."}`
	liProtocolBody      = `{"status":400,"code":"ILLEGAL_ARGUMENT","message":"X-Restli-Protocol-Version 2.0.0 is required."}`
	liBadFinderBody     = `{"status":400,"code":"ILLEGAL_ARGUMENT","message":"Invalid query parameters passed to request"}`
	liNotFoundBody      = `{"status":404,"serviceErrorCode":0,"code":"RESOURCE_NOT_FOUND","message":"Not Found"}`
	liEmptyFinderResult = `{"paging":{"start":0,"count":10,"links":[],"total":0},"elements":[]}`
)

// LinkedInNoPermissionPrefix starts a sandbox LinkedIn token that lacks
// rw_organization_admin, as a member token issued without the Community
// Management API product's scopes: every call with it is 403
// ACCESS_DENIED. Tokens minted from a refresh token with this prefix keep
// it.
const LinkedInNoPermissionPrefix = "noperm-"

var liVersionForm = regexp.MustCompile(`^20[0-9]{2}(0[1-9]|1[0-2])$`)

// li wraps a LinkedIn route with its checks, in the order LinkedIn makes
// them: the bearer token, then the LinkedIn-Version and Rest.li protocol
// headers every versioned call must send, then the token's permission
// (see LinkedInNoPermissionPrefix); then the per-token quota. The
// real quota is daily and resets at midnight UTC; the sandbox's window
// starts at the token's first call and its length is configurable, so
// tests can shrink the day.
func (s *Server) li(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearer(r)
		switch {
		case !ok:
			writeRaw(w, http.StatusUnauthorized, liEmptyTokenBody)
		case token == rejectedKey:
			liUnauthorized(w)
		case !liVersionForm.MatchString(r.Header.Get("LinkedIn-Version")):
			writeRaw(w, http.StatusBadRequest, liVersionBody)
		case r.Header.Get("X-Restli-Protocol-Version") != "2.0.0":
			writeRaw(w, http.StatusBadRequest, liProtocolBody)
		case strings.HasPrefix(token, LinkedInNoPermissionPrefix):
			liAccessDenied(w, r)
		case s.admit(w, ProviderLinkedIn, token):
			h(w, r)
		}
	})
}

// liError is LinkedIn's REST error body.
type liError struct {
	Status           int    `json:"status"`
	ServiceErrorCode int    `json:"serviceErrorCode"`
	Code             string `json:"code"`
	Message          string `json:"message"`
}

// liAccessDenied is LinkedIn's 403 for a token without the permission a
// resource needs, e.g. {"status":403,"serviceErrorCode":100,
// "code":"ACCESS_DENIED","message":"Not enough permissions to access:
// organizations.FINDER-vanityName.20260701"}.
func liAccessDenied(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusForbidden, liError{Status: http.StatusForbidden, ServiceErrorCode: 100, Code: "ACCESS_DENIED",
		Message: "Not enough permissions to access: " + liResource(r)})
}

// liResource names what a call reads as LinkedIn's ACCESS_DENIED message
// does: resource, then FINDER-{q} or GET, then the version's first day,
// e.g. organizations.FINDER-vanityName.20260701.
func liResource(r *http.Request) string {
	rest := strings.TrimPrefix(r.URL.Path, LinkedInPrefix+"/rest/")
	resource, id, _ := strings.Cut(rest, "/")
	method := "GET"
	if q := r.URL.Query().Get("q"); id == "" && q != "" {
		method = "FINDER-" + q
	}
	return resource + "." + method + "." + r.Header.Get("LinkedIn-Version") + "01"
}

func liUnauthorized(w http.ResponseWriter) { writeRaw(w, http.StatusUnauthorized, liInvalidTokenBody) }

func liUnavailable(w http.ResponseWriter) {
	writeRaw(w, http.StatusServiceUnavailable, liUnavailableBody)
}

// liRateLimited answers as a spent daily quota: 429 and no header saying
// when it resets (midnight UTC).
func liRateLimited(w http.ResponseWriter, _ quota) {
	writeRaw(w, http.StatusTooManyRequests, liRateLimitedBody)
}

// liThrottled is an injected 429: LinkedIn's short infrastructure
// throttling, which also comes without a header and passes by itself.
func liThrottled(w http.ResponseWriter, _ quota) {
	writeRaw(w, http.StatusTooManyRequests, liThrottledBody)
}

func liNoRoute(w http.ResponseWriter, _ *http.Request) {
	writeRaw(w, http.StatusNotFound, liNotFoundBody)
}

// liFinder is GET /rest/organizations?q=vanityName&vanityName=: the page
// with that vanity name, or no elements.
func (s *Server) liFinder(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("q") != "vanityName" || q.Get("vanityName") == "" {
		writeRaw(w, http.StatusBadRequest, liBadFinderBody)
		return
	}
	c := socialIndex().byVanity[q.Get("vanityName")]
	if c == nil {
		writeRaw(w, http.StatusOK, liEmptyFinderResult)
		return
	}
	writeJSON(w, http.StatusOK, liFinderPage{Paging: liPaging{Count: 10, Links: []any{}, Total: 1}, Elements: []liOrganization{liOrganizationOf(c)}})
}

// liByID is GET /rest/organizations/{id}.
func (s *Server) liByID(w http.ResponseWriter, r *http.Request) {
	for _, c := range socialIndex().byVanity {
		if numericID(c, "linkedin", 8) == r.PathValue("id") {
			writeJSON(w, http.StatusOK, liOrganizationOf(c))
			return
		}
	}
	writeRaw(w, http.StatusNotFound, liNotFoundBody)
}

type liFinderPage struct {
	Paging   liPaging         `json:"paging"`
	Elements []liOrganization `json:"elements"`
}

type liPaging struct {
	Start int   `json:"start"`
	Count int   `json:"count"`
	Links []any `json:"links"`
	Total int   `json:"total"`
}

// liOrganization is what LinkedIn returns about an organization the app
// does not administer.
type liOrganization struct {
	ID                      int64        `json:"id"`
	VanityName              string       `json:"vanityName"`
	LocalizedName           string       `json:"localizedName"`
	Name                    liLocalized  `json:"name"`
	PrimaryOrganizationType string       `json:"primaryOrganizationType"`
	Locations               []liLocation `json:"locations"`
	LocalizedWebsite        string       `json:"localizedWebsite"`
}

type liLocalized struct {
	Localized       map[string]string `json:"localized"`
	PreferredLocale struct {
		Country  string `json:"country"`
		Language string `json:"language"`
	} `json:"preferredLocale"`
}

type liLocation struct {
	LocationType string `json:"locationType"`
	Address      struct {
		Line1      string `json:"line1"`
		City       string `json:"city"`
		PostalCode string `json:"postalCode"`
		Country    string `json:"country"`
	} `json:"address"`
}

func liOrganizationOf(c *Company) liOrganization {
	id, _ := atoi64(numericID(c, "linkedin", 8))
	o := liOrganization{ID: id, VanityName: siteLabel(c), LocalizedName: displayName(c), PrimaryOrganizationType: "NONE",
		LocalizedWebsite: "https://www." + c.Domain + "/"}
	o.Name.Localized = map[string]string{"en_US": displayName(c)}
	o.Name.PreferredLocale.Country, o.Name.PreferredLocale.Language = "US", "en"
	var hq liLocation
	hq.LocationType = "HEADQUARTERS"
	hq.Address.Line1 = strings.TrimSpace(c.Address.Premises + " " + c.Address.Line1)
	hq.Address.City, hq.Address.PostalCode, hq.Address.Country = c.Address.Locality, c.Address.PostalCode, "GB"
	o.Locations = []liLocation{hq}
	return o
}
