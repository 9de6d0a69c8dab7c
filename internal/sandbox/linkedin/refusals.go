package linkedin

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The LinkedIn REST error bodies (shared/fixtures/linkedin).
const (
	EmptyTokenBody    = `{"message":"Empty oauth2_access_token","serviceErrorCode":401,"status":401}`
	InvalidTokenBody  = `{"status":401,"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}`
	RateLimitedBody   = `{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS","message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}`
	ThrottledBody     = `{"status":429,"serviceErrorCode":0,"code":"TOO_MANY_REQUESTS","message":"Too many requests. Please retry later."}`
	UnavailableBody   = `{"status":503,"serviceErrorCode":0,"code":"SERVICE_UNAVAILABLE","message":"Service Unavailable"}`
	VersionBody       = `{"status":400,"code":"VERSION_MISSING","message":"A version must be present. Please specify a version by adding the LinkedIn-Version header."}`
	ProtocolBody      = `{"status":400,"code":"ILLEGAL_ARGUMENT","message":"X-Restli-Protocol-Version 2.0.0 is required."}`
	BadFinderBody     = `{"status":400,"code":"ILLEGAL_ARGUMENT","message":"Invalid query parameters passed to request"}`
	NotFoundBody      = `{"status":404,"serviceErrorCode":0,"code":"RESOURCE_NOT_FOUND","message":"Not Found"}`
	EmptyFinderResult = `{"paging":{"start":0,"count":10,"links":[],"total":0},"elements":[]}`
)

// The API's answers that never change.
var (
	// Unauthorized is the API's 401 for an unknown or revoked token.
	Unauthorized = respond.Fixed{Status: http.StatusUnauthorized, Body: InvalidTokenBody}
	// Unavailable is the API's 503.
	Unavailable = respond.Fixed{Status: http.StatusServiceUnavailable, Body: UnavailableBody}
	// OverQuota answers as a spent daily quota: 429 and no header
	// saying when it resets (midnight UTC).
	OverQuota = respond.Fixed{Status: http.StatusTooManyRequests, Body: RateLimitedBody}
	// Throttled is an injected 429: LinkedIn's short infrastructure
	// throttling, which also comes without a header and passes by
	// itself.
	Throttled  = respond.Fixed{Status: http.StatusTooManyRequests, Body: ThrottledBody}
	emptyToken = respond.Fixed{Status: http.StatusUnauthorized, Body: EmptyTokenBody}
	noVersion  = respond.Fixed{Status: http.StatusBadRequest, Body: VersionBody}
	noProtocol = respond.Fixed{Status: http.StatusBadRequest, Body: ProtocolBody}
	badFinder  = respond.Fixed{Status: http.StatusBadRequest, Body: BadFinderBody}
	notFound   = respond.Fixed{Status: http.StatusNotFound, Body: NotFoundBody}
)

// NoPermissionPrefix starts a sandbox LinkedIn token that lacks
// rw_organization_admin, as a member token issued without the Community
// Management API product's scopes: every call with it is 403
// ACCESS_DENIED. Tokens minted from a refresh token with this prefix keep
// it.
const NoPermissionPrefix = "noperm-"

// versionForm is the form of a LinkedIn-Version header: a month, YYYYMM.
var versionForm = regexp.MustCompile(`^20[0-9]{2}(0[1-9]|1[0-2])$`)

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

// restError is LinkedIn's REST error body.
type restError struct {
	Status           int    `json:"status"`
	ServiceErrorCode int    `json:"serviceErrorCode"`
	Code             string `json:"code"`
	Message          string `json:"message"`
}

// accessDenied is LinkedIn's 403 for a token without the permission a
// resource needs, e.g. {"status":403,"serviceErrorCode":100,
// "code":"ACCESS_DENIED","message":"Not enough permissions to access:
// organizations.FINDER-vanityName.20260701"}.
func accessDenied(w http.ResponseWriter, r *http.Request) {
	respond.WriteJSON(w, http.StatusForbidden, restError{Status: http.StatusForbidden, ServiceErrorCode: 100, Code: "ACCESS_DENIED",
		Message: "Not enough permissions to access: " + resourceOf(r)})
}

// resourceOf names what a call reads as LinkedIn's ACCESS_DENIED message
// does: resource, then FINDER-{q} or GET, then the version's first day,
// e.g. organizations.FINDER-vanityName.20260701.
func resourceOf(r *http.Request) string {
	rest := strings.TrimPrefix(r.URL.Path, Prefix+"/rest/")
	resource, id, _ := strings.Cut(rest, "/")
	method := "GET"
	if q := r.URL.Query().Get("q"); id == "" && q != "" {
		method = "FINDER-" + q
	}
	return resource + "." + method + "." + r.Header.Get("LinkedIn-Version") + "01"
}
