package sandbox

import (
	"fmt"
	"html"
	"net/http"
	"strings"
)

// The simulated company websites: GET /website/{host}/{path} stands for
// https://{host}/{path} and GET /website/http/{host}/{path} for
// http://{host}/{path} ("http" is no host name: a host has a dot), where
// host is a dataset company's domain or its www. form. A client maps one
// onto the other (the website provider's SandboxURL); nothing else
// changes. Each site answers where its layout says (webhosts.go): a host
// that would not answer gets a 502 carrying WebUnreachableHeader, which
// the client turns into the network error it stands for. Each serves a
// robots.txt (webrobots.go) but, like a real site, never enforces it:
// Server.Calls shows what a client asked for.

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

// WebUnreachableHeader marks a sandbox answer that stands for no answer:
// "nxdomain" for a host name that does not resolve, "refused" for a
// connection refused.
const WebUnreachableHeader = "X-Leadgen-Sandbox-Unreachable"

func webUnreachable(w http.ResponseWriter, why string) {
	w.Header().Set(WebUnreachableHeader, why)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = w.Write([]byte("sandbox: this host does not answer (" + why + ")\n"))
}

func webNotFound(w http.ResponseWriter, _ *http.Request) {
	webPage(w, http.StatusNotFound, "<!doctype html><html><body><h1>404 Not Found</h1></body></html>")
}

// webServe answers one request to a company site: where the site does
// not answer, a redirect where its layout sends the client elsewhere,
// else the page or robots.txt.
func (s *Server) webServe(w http.ResponseWriter, r *http.Request) {
	scheme, host, path := webTarget(r)
	c := socialIndex().byDomain[strings.TrimPrefix(host, "www.")]
	if c == nil {
		webNotFound(w, r)
		return
	}
	switch a := answerAt(c, scheme, host); {
	case a.unreachable != "":
		webUnreachable(w, a.unreachable)
	case a.redirect != "":
		http.Redirect(w, r, a.redirect+"/"+path, http.StatusMovedPermanently)
	case path == robotsFile:
		serveRobots(w, r, c)
	default:
		servePage(w, r, c, path)
	}
}

// webTarget reads the URL a request stands for: its scheme, host and
// path without slashes at either end.
func webTarget(r *http.Request) (scheme, host, path string) {
	scheme, host, path = "https", strings.ToLower(r.PathValue("host")), r.PathValue("path")
	if host == "http" {
		scheme = "http"
		host, path, _ = strings.Cut(path, "/")
		host = strings.ToLower(host)
	}
	return scheme, host, strings.Trim(path, "/")
}

func servePage(w http.ResponseWriter, r *http.Request, c *Company, path string) {
	body, ok := sitePage(c, path)
	if !ok {
		webNotFound(w, r)
		return
	}
	webPage(w, http.StatusOK, body)
}

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
