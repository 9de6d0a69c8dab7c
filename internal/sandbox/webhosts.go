package sandbox

import (
	"strings"
	"sync"
)

// SiteLayout is where a company's simulated site answers, drawn from a
// hash of its number like everything else, so each layout is served and
// each company always gets the same.
type SiteLayout string

// The layouts, as real sites have them.
const (
	// LayoutBoth: the site answers at the bare domain and at www. over
	// https; plain http redirects to https on the same host.
	LayoutBoth SiteLayout = "both"
	// LayoutToWWW: the site lives at www.; the bare domain redirects
	// every path there.
	LayoutToWWW SiteLayout = "to-www"
	// LayoutWWWOnly: the bare domain does not resolve; the site answers
	// at www. only.
	LayoutWWWOnly SiteLayout = "www-only"
	// LayoutHTTPEntry: the bare domain has no https (connections are
	// refused) and its plain http redirects to https://www., where the
	// site is.
	LayoutHTTPEntry SiteLayout = "http-entry"
	// LayoutHTTPOnly: nothing answers over https; http://<domain> serves
	// the site and http://www. redirects there.
	LayoutHTTPOnly SiteLayout = "http-only"
)

func layoutOf(c *Company) SiteLayout {
	switch c.Domain {
	case httpSites().entry:
		return LayoutHTTPEntry
	case httpSites().only:
		return LayoutHTTPOnly
	}
	return drawnLayout(c)
}

// drawnLayout gives a quarter of the sites LayoutToWWW, a quarter
// LayoutWWWOnly and the rest LayoutBoth.
func drawnLayout(c *Company) SiteLayout {
	switch mixedDraw(c, "webwww", 4) {
	case 0:
		return LayoutToWWW
	case 1:
		return LayoutWWWOnly
	}
	return LayoutBoth
}

// httpSites are the domains of the one LayoutHTTPEntry and the one
// LayoutHTTPOnly site: the first two generated companies with a site at
// both hosts, their people on the home page and a plain robots.txt, so
// only where they answer decides what a reader finds.
var httpSites = sync.OnceValue(func() (out struct{ entry, only string }) {
	for _, c := range generatedSites() {
		if drawnLayout(c) != LayoutBoth || peoplePage(siteShapeOf(c)) != "/" || drawnRobots(c) != RobotsPlain {
			continue
		}
		if out.entry == "" {
			out.entry = c.Domain
			continue
		}
		out.only = c.Domain
		return out
	}
	return out
})

// generatedSites are the generated companies with a website, in dataset
// order: the hand-written ones keep their drawn site, as tests name them.
func generatedSites() []*Company {
	cs := dataset().companies[len(handWritten()):]
	var out []*Company
	for i := range cs {
		if presenceOf(&cs[i]).Website {
			out = append(out, &cs[i])
		}
	}
	return out
}

// mixedDraw is draw with its hash mixed further, so that two small draws
// of one company (its layout and its page shape) do not go together, as
// the low bits of FNV hashes of similar strings do.
func mixedDraw(c *Company, salt string, n uint64) uint64 {
	return splitmix64(uint64(hash32(salt+":"+c.Number))) % n
}

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
func answerAt(c *Company, scheme, host string) hostAnswer {
	www, tls := strings.HasPrefix(host, "www."), scheme == "https"
	wwwSite := "https://www." + c.Domain
	switch layoutOf(c) {
	case LayoutToWWW:
		if www && tls {
			return serve
		}
		return redirectTo(wwwSite)
	case LayoutWWWOnly:
		return wwwOnly(www, tls, wwwSite)
	case LayoutHTTPEntry:
		return httpEntry(www, tls, wwwSite)
	case LayoutHTTPOnly:
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

// servedAt is the sandbox path of the origin that serves the company's
// pages itself, without a redirect: "/website/acme.example",
// "/website/www.acme.example" or "/website/http/acme.example".
func servedAt(c *Company) string {
	switch layoutOf(c) {
	case LayoutBoth:
		return WebsitePrefix + "/" + c.Domain
	case LayoutHTTPOnly:
		return WebsitePrefix + "/http/" + c.Domain
	}
	return WebsitePrefix + "/www." + c.Domain
}
