package console

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// csp allows only the console's own script and style: no inline code, no
// other origin, no framing, so text from a lead cannot run even if it
// slipped past escaping.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure sets the security headers and, with a token, refuses requests
// that do not carry it (401).
func secure(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if token != "" && !authorized(r, token) {
			h.Set("WWW-Authenticate", `Basic realm="leadgen console", charset="UTF-8"`)
			http.Error(w, "unauthorized: give the console token (LEADGEN_CONSOLE_TOKEN)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authorized accepts the token as a bearer token or as the password of
// basic auth (any user name), compared in constant time.
func authorized(r *http.Request, token string) bool {
	given := ""
	if b, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		given = b
	} else if _, p, ok := r.BasicAuth(); ok {
		given = p
	}
	return subtle.ConstantTimeCompare([]byte(given), []byte(token)) == 1
}
