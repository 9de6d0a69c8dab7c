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

// answer is how one host of a layout answers over one scheme.
type answer int

const (
	serves     answer = iota // the site itself
	noSuchHost               // the name does not resolve
	refuses                  // nothing listens: the connection is refused
	toWWW                    // a redirect to https://www.<domain>
	toBare                   // a redirect to http://<domain>
	toHTTPS                  // a redirect to https on the same host
)

// layoutAnswers is how a layout's two hosts answer over each scheme.
type layoutAnswers struct {
	bareHTTP, bareHTTPS, wwwHTTP, wwwHTTPS answer
}

// layouts are the dataset.SiteLayout docs as a table, each row in the
// order http://<domain>, https://<domain>, http://www.<domain>,
// https://www.<domain>.
var layouts = map[dataset.SiteLayout]layoutAnswers{
	dataset.LayoutBoth:      {toHTTPS, serves, toHTTPS, serves},
	dataset.LayoutToWWW:     {toWWW, toWWW, toWWW, serves},
	dataset.LayoutWWWOnly:   {noSuchHost, noSuchHost, toWWW, serves},
	dataset.LayoutHTTPEntry: {toWWW, refuses, toWWW, serves},
	dataset.LayoutHTTPOnly:  {serves, refuses, toBare, refuses},
}

// answerAt is how the company's site answers at scheme://host.
func answerAt(c *dataset.Company, scheme, host string) hostAnswer {
	switch layouts[dataset.LayoutOf(c)].at(strings.HasPrefix(host, "www."), scheme == "https") {
	case noSuchHost:
		return hostAnswer{unreachable: "nxdomain"}
	case refuses:
		return hostAnswer{unreachable: "refused"}
	case toWWW:
		return hostAnswer{redirect: "https://www." + c.Domain}
	case toBare:
		return hostAnswer{redirect: "http://" + c.Domain}
	case toHTTPS:
		return hostAnswer{redirect: "https://" + host}
	}
	return hostAnswer{}
}

// at is how the www. or bare host answers over https (tls) or http.
func (l layoutAnswers) at(www, tls bool) answer {
	switch {
	case www && tls:
		return l.wwwHTTPS
	case www:
		return l.wwwHTTP
	case tls:
		return l.bareHTTPS
	}
	return l.bareHTTP
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
