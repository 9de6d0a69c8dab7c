package dataset

import (
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

// LayoutOf is where the company's site answers: the one http-entry or
// http-only site, else a drawn layout.
func LayoutOf(c *Company) SiteLayout {
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
	return drawFrom(c, "webwww", []SiteLayout{LayoutToWWW, LayoutWWWOnly, LayoutBoth, LayoutBoth})
}

// httpSites are the domains of the one LayoutHTTPEntry and the one
// LayoutHTTPOnly site: the first two generated companies with a site at
// both hosts, their people on the home page and a plain robots.txt, so
// only where they answer decides what a reader finds.
var httpSites = sync.OnceValue(func() (out struct{ entry, only string }) {
	for _, c := range generatedSites() {
		if drawnLayout(c) != LayoutBoth || PeoplePage(ShapeOf(c)) != "/" || drawnRobots(c) != RobotsPlain {
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
	cs := data().companies[len(handWritten()):]
	var out []*Company
	for i := range cs {
		if presenceOf(&cs[i]).Website {
			out = append(out, &cs[i])
		}
	}
	return out
}

// drawFrom picks one of choices by mixedDraw; a choice listed twice is
// drawn twice as often.
func drawFrom[T any](c *Company, salt string, choices []T) T {
	return choices[mixedDraw(c, salt, uint64(len(choices)))]
}

// mixedDraw is Draw with its hash mixed further, so that two small draws
// of one company (its layout and its page shape) do not go together, as
// the low bits of FNV hashes of similar strings do.
func mixedDraw(c *Company, salt string, n uint64) uint64 {
	return splitmix64(uint64(Hash32(salt+":"+c.Number))) % n
}

// splitmix64 is the SplitMix64 finaliser: a well-mixed 64-bit value for
// each input.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
