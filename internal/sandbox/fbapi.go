package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The Graph API error bodies (shared/fixtures/facebook).
const (
	fbNoTokenBody     = `{"error":{"message":"An access token is required to request this resource.","type":"OAuthException","code":104,"fbtrace_id":"ASandboxTrace0"}}`
	fbBadTokenBody    = `{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"ASandboxTrace1"}}`
	fbUnavailableBody = `{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"ASandboxTrace2"}}`
	fbThrottledBody   = `{"error":{"message":"(#80001) There have been too many calls to this Page account. Wait a bit and try again.","type":"OAuthException","is_transient":true,"code":80001,"fbtrace_id":"ASandboxTrace3"}}`
	fbVersionBody     = `{"error":{"message":"Unknown path components","type":"OAuthException","code":2500,"fbtrace_id":"ASandboxTrace4"}}`
	fbNoQueryBody     = `{"error":{"message":"(#100) The parameter q is required","type":"OAuthException","code":100,"fbtrace_id":"ASandboxTrace5"}}`
	fbAppLimitBody    = `{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","is_transient":true,"code":4,"fbtrace_id":"ASandboxTrace7"}}`
)

// fbHourlyBudget is the app's simulated hourly call budget, the base of
// the X-App-Usage percentages when no quota is configured: Graph allows
// 200 calls per hour per user of the app, so an app with 24 users has
// 4800.
const fbHourlyBudget = 4800

var fbVersionForm = regexp.MustCompile(`^v[0-9]{1,3}\.0$`)

// fb wraps a Graph route with its checks (fbRefusal), then the
// per-token quota, which refused calls do not spend. Every answer past the
// checks carries the app's usage.
func (s *Server) fb(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		token := q.Get("access_token")
		if refusal := s.fbRefusal(r.PathValue("version"), q, token); refusal != "" {
			writeRaw(w, http.StatusBadRequest, refusal)
			return
		}
		if s.admit(w, ProviderFacebook, token) {
			h(w, r)
		}
	})
}

// fbRefusal is the error body of a call Graph refuses before reading
// anything, or "" for one it serves: a known version in the path, the
// access_token query parameter and, with FacebookAppSecret, its
// appsecret_proof. Graph answers each with HTTP 400 and a code.
func (s *Server) fbRefusal(version string, q url.Values, token string) string {
	switch {
	case !fbVersionForm.MatchString(version):
		return fbVersionBody
	case token == "":
		return fbNoTokenBody
	case token == rejectedKey:
		return fbBadTokenBody
	}
	return s.fbProofRefusal(q, token)
}

// fbUsage sets X-App-Usage: the share of the window's calls the token has
// made, in whole percent. Without a configured quota it is reported
// against fbHourlyBudget and never refused.
func fbUsage(h http.Header, q quota) {
	pct := q.used()
	h.Set("X-App-Usage", fmt.Sprintf(`{"call_count":%d,"total_cputime":%d,"total_time":%d}`, pct, pct, pct))
}

// fbAppLimited answers as Graph does once the app's limit is reached:
// HTTP 400, code 4, transient, usage at 100 and no estimate of the wait.
func fbAppLimited(w http.ResponseWriter, q quota) {
	fbUsage(w.Header(), q)
	writeRaw(w, http.StatusBadRequest, fbAppLimitBody)
}

func fbUnavailable(w http.ResponseWriter) {
	writeRaw(w, http.StatusServiceUnavailable, fbUnavailableBody)
}

// fbUnauthorized is a revoked or expired token: Graph answers 400 with
// code 190, not 401.
func fbUnauthorized(w http.ResponseWriter) { writeRaw(w, http.StatusBadRequest, fbBadTokenBody) }

// fbThrottled answers as a spent business use case limit: HTTP 400, code
// 80001, and the wait in X-Business-Use-Case-Usage, in whole minutes
// rounded up.
func fbThrottled(w http.ResponseWriter, q quota) {
	minutes := int64((q.retryAfter() + time.Minute - 1) / time.Minute)
	w.Header().Set("X-Business-Use-Case-Usage", fmt.Sprintf(
		`{"104912345678901":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":%d}]}`, minutes))
	w.Header().Set("X-App-Usage", `{"call_count":100,"total_cputime":12,"total_time":14}`)
	writeRaw(w, http.StatusBadRequest, fbThrottledBody)
}

func fbNoRoute(w http.ResponseWriter, _ *http.Request) {
	writeRaw(w, http.StatusBadRequest, fbVersionBody)
}

// fbSearch is GET /pages/search?q=: the companies with a Page whose name
// the query matches, in the requested fields.
func (s *Server) fbSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	text := strings.TrimSpace(q.Get("q"))
	if text == "" {
		writeRaw(w, http.StatusBadRequest, fbNoQueryBody)
		return
	}
	limit, ok := intParam(q, "limit", 25)
	if !ok || limit == 0 {
		limit = 25
	}
	fields := fbFields(q.Get("fields"), "id,name")
	data := []map[string]any{}
	for _, h := range s.data.search(text) {
		id := numericID(h.company, "facebook", 15)
		if socialIndex().byPage[id] != nil && len(data) < limit {
			data = append(data, pick(fbPageOf(h.company), fields))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "paging": map[string]any{"cursors": map[string]string{"before": "MAZDZD", "after": "MjQZD"}}})
}

// fbPage is GET /{page-id}?fields=.
func (s *Server) fbPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c := socialIndex().byPage[id]
	if c == nil {
		writeRaw(w, http.StatusBadRequest, fmt.Sprintf(`{"error":{"message":"Unsupported get request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"ASandboxTrace6"}}`, jsonEscape(id)))
		return
	}
	writeJSON(w, http.StatusOK, pick(fbPageOf(c), fbFields(r.URL.Query().Get("fields"), "name")))
}

// fbFields are the fields asked for, id always among them, def when none.
func fbFields(raw, def string) []string {
	if strings.TrimSpace(raw) == "" {
		raw = def
	}
	return append(strings.Split(raw, ","), "id")
}

// pick keeps the fields asked for, as Graph returns only those.
func pick(all map[string]any, fields []string) map[string]any {
	out := map[string]any{}
	for _, f := range fields {
		if v, ok := all[strings.TrimSpace(f)]; ok {
			out[strings.TrimSpace(f)] = v
		}
	}
	return out
}

// fbPageOf is every field of a company's Page; about a third are
// verified.
func fbPageOf(c *Company) map[string]any {
	status := "not_verified"
	if draw(c, "fbverified", 3) == 0 {
		status = "blue_verified"
	}
	street := strings.TrimSpace(c.Address.Premises + " " + c.Address.Line1)
	return map[string]any{
		"id": numericID(c, "facebook", 15), "name": displayName(c),
		"about": displayName(c) + " on Facebook.", "website": "https://www." + c.Domain,
		"emails": []string{"info@" + c.Domain}, "phone": "+44 20 7946 " + fmt.Sprintf("%04d", hash32("p"+c.Number)%10000),
		"single_line_address": street + ", " + c.Address.Locality + ", United Kingdom, " + c.Address.PostalCode,
		"location":            map[string]any{"street": street, "city": c.Address.Locality, "zip": c.Address.PostalCode, "country": "United Kingdom"},
		"category":            "Company", "link": "https://www.facebook.com/" + handleOrLabel(c), "username": handleOrLabel(c),
		"fan_count": int(hash32("fan"+c.Number) % 9000), "followers_count": int(hash32("fol"+c.Number) % 9500),
		"verification_status": status,
	}
}

func handleOrLabel(c *Company) string {
	if h := handleOf(c); h != "" {
		return h
	}
	return strings.ReplaceAll(siteLabel(c), "-", ".")
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}
