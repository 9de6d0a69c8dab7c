package website

import (
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// hostAnswer is how a host of a site answers a request: not at all
// (unreachable says why), with a redirect to the redirect origin, or,
// the zero value, with the site.
type hostAnswer struct {
	unreachable string
	redirect    string
}

var (
	serve    = hostAnswer{}
	nxdomain = hostAnswer{unreachable: "nxdomain"}
	refused  = hostAnswer{unreachable: "refused"}
)

func redirectTo(origin string) hostAnswer { return hostAnswer{redirect: origin} }

// answerAt is how the company's site answers at scheme://host.
func answerAt(c *dataset.Company, scheme, host string) hostAnswer {
	www, tls := strings.HasPrefix(host, "www."), scheme == "https"
	wwwSite := "https://www." + c.Domain
	switch dataset.LayoutOf(c) {
	case dataset.LayoutToWWW:
		if www && tls {
			return serve
		}
		return redirectTo(wwwSite)
	case dataset.LayoutWWWOnly:
		return wwwOnly(www, tls, wwwSite)
	case dataset.LayoutHTTPEntry:
		return httpEntry(www, tls, wwwSite)
	case dataset.LayoutHTTPOnly:
		return httpOnly(www, tls, "http://"+c.Domain)
	}
	if !tls {
		return redirectTo("https://" + host)
	}
	return serve
}

func wwwOnly(www, tls bool, wwwSite string) hostAnswer {
	switch {
	case !www:
		return nxdomain
	case !tls:
		return redirectTo(wwwSite)
	}
	return serve
}

func httpEntry(www, tls bool, wwwSite string) hostAnswer {
	switch {
	case !www && tls:
		return refused
	case !tls:
		return redirectTo(wwwSite)
	}
	return serve
}

func httpOnly(www, tls bool, bareSite string) hostAnswer {
	switch {
	case tls:
		return refused
	case www:
		return redirectTo(bareSite)
	}
	return serve
}

// ServedAt is the sandbox path of the origin that serves the company's
// pages itself, without a redirect: "/website/acme.example",
// "/website/www.acme.example" or "/website/http/acme.example".
func ServedAt(c *dataset.Company) string {
	switch dataset.LayoutOf(c) {
	case dataset.LayoutBoth:
		return Prefix + "/" + c.Domain
	case dataset.LayoutHTTPOnly:
		return Prefix + "/http/" + c.Domain
	}
	return Prefix + "/www." + c.Domain
}
