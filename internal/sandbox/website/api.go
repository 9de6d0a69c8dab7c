package website

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

// Prefix is the path the sites are served under: Prefix/{host}/{path}
// stands for https://{host}/{path}.
const Prefix = "/website"

// Mount adds the sites under Prefix at their place; they take no
// credential and have no quota.
func Mount(at route.Place) {
	at.HandleFunc("GET "+Prefix+"/{host}/{path...}", serveSite)
	at.HandleFunc(Prefix+"/", notFound)
}

func page(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// Unavailable is a site's 503 page.
func Unavailable(w http.ResponseWriter) {
	page(w, http.StatusServiceUnavailable, "<!doctype html><html><body><h1>503 Service Unavailable</h1></body></html>")
}

// Forbidden is a bot wall: the site refuses readers like leadgen.
func Forbidden(w http.ResponseWriter) {
	page(w, http.StatusForbidden, "<!doctype html><html><body><h1>403 Forbidden</h1><p>Access denied.</p></body></html>")
}

// RateLimited is a site's 429 page with Retry-After.
func RateLimited(w http.ResponseWriter, q quota.Status) {
	quota.SetRetryAfter(w.Header(), q)
	page(w, http.StatusTooManyRequests, "<!doctype html><html><body><h1>429 Too Many Requests</h1></body></html>")
}

// UnreachableHeader marks a sandbox answer that stands for no answer:
// "nxdomain" for a host name that does not resolve, "refused" for a
// connection refused.
const UnreachableHeader = "X-Leadgen-Sandbox-Unreachable"

func unreachable(w http.ResponseWriter, why string) {
	w.Header().Set(UnreachableHeader, why)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = w.Write([]byte("sandbox: this host does not answer (" + why + ")\n"))
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	page(w, http.StatusNotFound, "<!doctype html><html><body><h1>404 Not Found</h1></body></html>")
}

// serveSite answers one request to a company site: where the site does
// not answer, a redirect where its layout sends the client elsewhere,
// else the page or robots.txt.
func serveSite(w http.ResponseWriter, r *http.Request) {
	scheme, host, path := target(r)
	c := dataset.Social().ByDomain[strings.TrimPrefix(host, "www.")]
	if c == nil {
		notFound(w, r)
		return
	}
	switch a := answerAt(c, scheme, host); {
	case a.unreachable != "":
		unreachable(w, a.unreachable)
	case a.redirect != "":
		http.Redirect(w, r, a.redirect+"/"+path, http.StatusMovedPermanently)
	case path == robotsFile:
		serveRobots(w, r, c)
	default:
		servePage(w, r, c, path)
	}
}

// target reads the URL a request stands for: its scheme, host and
// path without slashes at either end.
func target(r *http.Request) (scheme, host, path string) {
	scheme, host, path = "https", strings.ToLower(r.PathValue("host")), r.PathValue("path")
	if host == "http" {
		scheme = "http"
		host, path, _ = strings.Cut(path, "/")
		host = strings.ToLower(host)
	}
	return scheme, host, strings.Trim(path, "/")
}

func servePage(w http.ResponseWriter, r *http.Request, c *dataset.Company, path string) {
	body, ok := sitePage(c, path)
	if !ok {
		notFound(w, r)
		return
	}
	page(w, http.StatusOK, body)
}

// sitePage renders a page of the site, or reports that it has none.
func sitePage(c *dataset.Company, path string) (string, bool) {
	var blocks []string
	switch {
	case path == dataset.PageHome:
		blocks = homeBlocks(c)
	case path == dataset.PageAbout:
		blocks = aboutBlocks(c)
	case path == dataset.PageTeam && dataset.ShapeOf(c) == dataset.ShapeArray:
		blocks = teamBlocks(c)
	case path == dataset.PageLeadership && dataset.ShapeOf(c) == dataset.ShapeSplit:
		blocks = leadershipBlocks(c)
	default:
		return "", false
	}
	return htmlPage(dataset.DisplayName(*c), path, blocks), true
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
