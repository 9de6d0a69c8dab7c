package facebook

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/respond"
)

// The Graph API error bodies: those of shared/fixtures/facebook, and the
// refusals of an appsecret_proof.
const (
	NoTokenBody     = `{"error":{"message":"An access token is required to request this resource.","type":"OAuthException","code":104,"fbtrace_id":"ASandboxTrace0"}}`
	BadTokenBody    = `{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"ASandboxTrace1"}}`
	UnavailableBody = `{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"ASandboxTrace2"}}`
	ThrottledBody   = `{"error":{"message":"(#80001) There have been too many calls to this Page account. Wait a bit and try again.","type":"OAuthException","is_transient":true,"code":80001,"fbtrace_id":"ASandboxTrace3"}}`
	VersionBody     = `{"error":{"message":"Unknown path components","type":"OAuthException","code":2500,"fbtrace_id":"ASandboxTrace4"}}`
	NoQueryBody     = `{"error":{"message":"(#100) The parameter q is required","type":"OAuthException","code":100,"fbtrace_id":"ASandboxTrace5"}}`
	AppLimitBody    = `{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","is_transient":true,"code":4,"fbtrace_id":"ASandboxTrace7"}}`

	// Graph's refusals of a call for its appsecret_proof (proof.go): HTTP
	// 400, code 100, type GraphMethodException and no subcode. Meta
	// documents the proof
	// (https://developers.facebook.com/docs/graph-api/securing-requests)
	// but not these bodies; they are what Graph answers, as reported by
	// the clients that met them.
	ProofMissingBody = `{"error":{"message":"API calls from the server require an appsecret_proof argument","type":"GraphMethodException","code":100,"fbtrace_id":"ASandboxTrace8"}}`
	ProofInvalidBody = `{"error":{"message":"Invalid appsecret_proof provided in the API argument","type":"GraphMethodException","code":100,"fbtrace_id":"ASandboxTrace9"}}`
)

// versionForm is the form of a Graph version in the path: v1.0 to v999.0.
var versionForm = regexp.MustCompile(`^v[0-9]{1,3}\.0$`)

// accessToken reads the access_token query parameter, the credential
// Graph takes, and refuses a call Graph refuses before reading anything
// (refusal).
func (s *server) accessToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	q := r.URL.Query()
	token := q.Get("access_token")
	if refusal := s.refusal(r.PathValue("version"), q, token); refusal != "" {
		respond.WriteRaw(w, http.StatusBadRequest, refusal)
		return "", false
	}
	return token, true
}

// refusal is the error body of a call Graph refuses before reading
// anything, or "" for one it serves: a known version in the path, the
// access_token query parameter and, with FacebookAppSecret, its
// appsecret_proof. Graph answers each with HTTP 400 and a code.
func (s *server) refusal(version string, q url.Values, token string) string {
	switch {
	case !versionForm.MatchString(version):
		return VersionBody
	case token == "":
		return NoTokenBody
	case token == respond.RejectedKey:
		return BadTokenBody
	}
	return s.proofRefusal(q, token)
}

// Usage sets X-App-Usage: the share of the window's calls the token has
// made, in whole percent. Without a configured quota it is reported
// against HourlyBudget and never refused.
func Usage(h http.Header, q quota.Status) {
	pct := q.Used()
	h.Set("X-App-Usage", fmt.Sprintf(`{"call_count":%d,"total_cputime":%d,"total_time":%d}`, pct, pct, pct))
}

// AppLimited answers as Graph does once the app's limit is reached:
// HTTP 400, code 4, transient, usage at 100 and no estimate of the wait.
func AppLimited(w http.ResponseWriter, q quota.Status) {
	Usage(w.Header(), q)
	respond.WriteRaw(w, http.StatusBadRequest, AppLimitBody)
}

// The API's answers that never change.
var (
	// Unavailable is Graph's 503, a transient error.
	Unavailable = respond.Fixed{Status: http.StatusServiceUnavailable, Body: UnavailableBody}
	// Unauthorized is a revoked or expired token: Graph answers 400 with
	// code 190, not 401.
	Unauthorized = respond.Fixed{Status: http.StatusBadRequest, Body: BadTokenBody}
	// noRoute is Graph's answer to a path it does not know.
	noRoute = respond.Fixed{Status: http.StatusBadRequest, Body: VersionBody}
)

// Throttled answers as a spent business use case limit: HTTP 400, code
// 80001, and the wait in X-Business-Use-Case-Usage, in whole minutes
// rounded up.
func Throttled(w http.ResponseWriter, q quota.Status) {
	minutes := int64((q.RetryAfter() + time.Minute - 1) / time.Minute)
	w.Header().Set("X-Business-Use-Case-Usage", fmt.Sprintf(
		`{"104912345678901":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":%d}]}`, minutes))
	w.Header().Set("X-App-Usage", `{"call_count":100,"total_cputime":12,"total_time":14}`)
	respond.WriteRaw(w, http.StatusBadRequest, ThrottledBody)
}
