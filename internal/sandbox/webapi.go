package sandbox

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// The simulated company websites: GET /website/{host}/{path} stands for
// https://{host}/{path}, where host is a dataset company's domain or its
// www. form. A client maps one onto the other (the website provider's
// SandboxURL); nothing else changes.

// The pages a company site may have.
const (
	pageHome       = ""
	pageAbout      = "about"
	pageTeam       = "team"
	pageLeadership = "leadership"
)

func webPage(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func webUnavailable(w http.ResponseWriter) {
	webPage(w, http.StatusServiceUnavailable, "<!doctype html><html><body><h1>503 Service Unavailable</h1></body></html>")
}

// webForbidden is a bot wall: the site refuses readers like leadgen.
func webForbidden(w http.ResponseWriter) {
	webPage(w, http.StatusForbidden, "<!doctype html><html><body><h1>403 Forbidden</h1><p>Access denied.</p></body></html>")
}

func webRateLimited(w http.ResponseWriter, q quota) {
	setRetryAfter(w.Header(), q)
	webPage(w, http.StatusTooManyRequests, "<!doctype html><html><body><h1>429 Too Many Requests</h1></body></html>")
}

func webNotFound(w http.ResponseWriter, _ *http.Request) {
	webPage(w, http.StatusNotFound, "<!doctype html><html><body><h1>404 Not Found</h1></body></html>")
}

// webServe answers one page of a company site. Some sites live on their
// www. host and redirect the bare domain there, as many real ones do.
func (s *Server) webServe(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.PathValue("host"))
	c := socialIndex().byDomain[strings.TrimPrefix(host, "www.")]
	if c == nil {
		webNotFound(w, r)
		return
	}
	path := strings.Trim(r.PathValue("path"), "/")
	if wantsWWW(c) && !strings.HasPrefix(host, "www.") {
		http.Redirect(w, r, "https://www."+c.Domain+"/"+path, http.StatusMovedPermanently)
		return
	}
	body, ok := sitePage(c, path)
	if !ok {
		webNotFound(w, r)
		return
	}
	webPage(w, http.StatusOK, body)
}

// wantsWWW draws the quarter of sites that live on www.
func wantsWWW(c *Company) bool { return draw(c, "webwww", 4) == 0 }

// sitePage renders a page of the site, or reports that it has none.
func sitePage(c *Company, path string) (string, bool) {
	var blocks []string
	switch {
	case path == pageHome:
		blocks = homeBlocks(c)
	case path == pageAbout:
		blocks = aboutBlocks(c)
	case path == pageTeam && siteShapeOf(c) == shapeArray:
		blocks = teamBlocks(c)
	case path == pageLeadership && siteShapeOf(c) == shapeSplit:
		blocks = leadershipBlocks(c)
	default:
		return "", false
	}
	return htmlPage(displayName(c), path, blocks), true
}

func htmlPage(name, path string, blocks []string) string {
	var b strings.Builder
	title := html.EscapeString(name)
	if path != "" {
		title = html.EscapeString(strings.ToUpper(path[:1])+path[1:]) + " | " + title
	}
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>\n", title)
	for _, bl := range blocks {
		b.WriteString("<script type=\"application/ld+json\">\n" + bl + "\n</script>\n")
	}
	fmt.Fprintf(&b, "</head><body><h1>%s</h1><p>Welcome to %s.</p></body></html>\n", html.EscapeString(name), html.EscapeString(name))
	return b.String()
}
