package dataset

import (
	"hash/fnv"
	"strconv"
	"sync"
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
	ix := Social()
	is := func(m map[string]*Company, key string) bool { return m[key] != nil && m[key].Number == c.Number }
	return Presence{
		X: is(ix.ByHandle, Handle(&c)), LinkedIn: is(ix.ByVanity, SiteLabel(&c)),
		Facebook: is(ix.ByPage, NumericID(&c, "facebook", 15)), Website: is(ix.ByDomain, c.Domain),
	}
}

func presenceOf(c *Company) Presence {
	if c.Status == "dissolved" {
		return Presence{}
	}
	return Presence{
		X:        Draw(c, "x", 5) != 0 && Handle(c) != "",
		LinkedIn: Draw(c, "linkedin", 7) != 0,
		Facebook: Draw(c, "facebook", 4) != 0,
		Website:  Draw(c, "website", 20) != 0,
	}
}

// Draw is a company's number hashed with salt, modulo n: the same
// company always draws the same.
func Draw(c *Company, salt string, n uint32) uint32 {
	return Hash32(salt+":"+c.Number) % n
}

// Hash32 is the 32-bit FNV-1a hash of s.
func Hash32(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32()
}

// NumericID is a stable numeric id of digits digits for a company, one
// per salt: its X user id, LinkedIn organization id, Facebook Page id.
func NumericID(c *Company, salt string, digits int) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(salt + ":" + c.Number))
	s := strconv.FormatUint(h.Sum64(), 10)
	for len(s) < digits {
		s += s
	}
	return "1" + s[:digits-1]
}

// SocialIndex finds companies by their handle, vanity name, Page id and
// domain.
type SocialIndex struct {
	ByHandle, ByVanity, ByPage, ByDomain map[string]*Company
}

var Social = sync.OnceValue(func() *SocialIndex {
	ix := &SocialIndex{ByHandle: map[string]*Company{}, ByVanity: map[string]*Company{},
		ByPage: map[string]*Company{}, ByDomain: map[string]*Company{}}
	cs := data().companies
	for i := range cs {
		c := &cs[i]
		p := presenceOf(c)
		if h := Handle(c); p.X && ix.ByHandle[h] == nil {
			ix.ByHandle[h] = c // a cut handle already taken is not this company's
		}
		if p.LinkedIn {
			ix.ByVanity[SiteLabel(c)] = c
		}
		if p.Facebook {
			ix.ByPage[NumericID(c, "facebook", 15)] = c
		}
		if p.Website {
			ix.ByDomain[c.Domain] = c
		}
	}
	return ix
})
