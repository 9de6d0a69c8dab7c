package sandbox

import (
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// The simulated web presence of the dataset companies: each gets, by a
// hash of its number, an X account, a LinkedIn page, a Facebook Page and
// a website, or not, so every provider finds some companies and misses
// others, the same ones on every run. A dissolved company has none: its
// accounts and site are gone.

// Presence says which simulated web presences a dataset company has.
type Presence struct {
	X, LinkedIn, Facebook, Website bool
}

// PresenceOf draws a company's presence: about 80% have an X account, 85%
// a LinkedIn page, 75% a Facebook Page and 95%
// a website.
func PresenceOf(c Company) Presence {
	ix := socialIndex()
	is := func(m map[string]*Company, key string) bool { return m[key] != nil && m[key].Number == c.Number }
	return Presence{
		X: is(ix.byHandle, handleOf(&c)), LinkedIn: is(ix.byVanity, siteLabel(&c)),
		Facebook: is(ix.byPage, numericID(&c, "facebook", 15)), Website: is(ix.byDomain, c.Domain),
	}
}

func presenceOf(c *Company) Presence {
	if c.Status == "dissolved" {
		return Presence{}
	}
	return Presence{
		X:        draw(c, "x", 5) != 0 && handleOf(c) != "",
		LinkedIn: draw(c, "linkedin", 7) != 0,
		Facebook: draw(c, "facebook", 4) != 0,
		Website:  draw(c, "website", 20) != 0,
	}
}

// draw is a company's number hashed with salt, modulo n.
func draw(c *Company, salt string, n uint32) uint32 {
	return hash32(salt+":"+c.Number) % n
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32()
}

// siteLabel is the company's domain without ".example": "acme-widgets".
func siteLabel(c *Company) string { return strings.TrimSuffix(c.Domain, ".example") }

var handleForm = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

// handleOf is the company's X username: its site label squashed, cut to
// the 15 characters X allows ("thistlewhipcycles" → "thistlewhipcycl"),
// as companies with long names do; such a handle is found by a search
// for posts linking to the site, not by guessing it.
func handleOf(c *Company) string {
	h := strings.ReplaceAll(siteLabel(c), "-", "")
	if len(h) > 15 {
		h = h[:15]
	}
	if !handleForm.MatchString(h) {
		return ""
	}
	return h
}

// numericID is a stable numeric id of digits digits for a company.
func numericID(c *Company, salt string, digits int) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(salt + ":" + c.Number))
	s := strconv.FormatUint(h.Sum64(), 10)
	for len(s) < digits {
		s += s
	}
	return "1" + s[:digits-1]
}

// DisplayName is how a dataset company writes its own name on its site
// and social pages ("ACME WIDGETS (UK) LTD" → "Acme Widgets (UK)").
func DisplayName(c Company) string { return displayName(&c) }

// displayName is how the company writes its own name: the registered
// title without its legal form, in title case ("ACME WIDGETS (UK) LTD" →
// "Acme Widgets (UK)").
func displayName(c *Company) string {
	words := strings.Fields(c.Name)
	if n := len(words); n > 1 && legalSuffixes[words[n-1]] {
		words = words[:n-1]
	}
	for i, w := range words {
		if len(strings.Trim(w, "()")) > 2 {
			words[i] = titleWord(w)
		}
	}
	return strings.Join(words, " ")
}

var legalSuffixes = map[string]bool{"LIMITED": true, "LTD": true, "PLC": true, "LLP": true}

func titleWord(w string) string {
	r := []rune(strings.ToLower(w))
	for i := range r {
		if i == 0 || !unicode.IsLetter(r[i-1]) {
			r[i] = unicode.ToUpper(r[i])
		}
	}
	return string(r)
}

// presenceIndex finds companies by their handle, vanity name, Page id and
// domain.
type presenceIndex struct {
	byHandle, byVanity, byPage, byDomain map[string]*Company
}

var socialIndex = sync.OnceValue(func() *presenceIndex {
	ix := &presenceIndex{byHandle: map[string]*Company{}, byVanity: map[string]*Company{},
		byPage: map[string]*Company{}, byDomain: map[string]*Company{}}
	cs := dataset().companies
	for i := range cs {
		c := &cs[i]
		p := presenceOf(c)
		if h := handleOf(c); p.X && ix.byHandle[h] == nil {
			ix.byHandle[h] = c // a cut handle already taken is not this company's
		}
		if p.LinkedIn {
			ix.byVanity[siteLabel(c)] = c
		}
		if p.Facebook {
			ix.byPage[numericID(c, "facebook", 15)] = c
		}
		if p.Website {
			ix.byDomain[c.Domain] = c
		}
	}
	return ix
})

// SiteNamesPeople reports whether a company's simulated site names its
// people in JSON-LD: it has a site, and not one of the plain ones.
func SiteNamesPeople(c Company) bool {
	return PresenceOf(c).Website && siteShapeOf(&c) != shapePlain
}
