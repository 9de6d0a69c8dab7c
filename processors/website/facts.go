package website

import (
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/schemas"
)

// facts is what the pages of one lookup said, merged: the first
// Organization named and everyone named, each once, with the page that
// first named them.
type facts struct {
	org    *org
	people []person
}

func (f *facts) empty() bool { return f.org == nil && len(f.people) == 0 }

// add merges one page's facts, read from the page at ref.
func (f *facts) add(p pageFacts, ref string) {
	if f.org == nil {
		f.org = p.org
	}
	set := peopleSet{list: f.people}
	for _, q := range p.people {
		q.ref = ref
		set.add(q)
	}
	f.people = set.list
}

// company is the site's Organization as a profile; its website is the
// one it states, else the site itself.
func (f *facts) company(host string) *schemas.CompanyProfile {
	if f.org == nil || f.org.name == "" {
		return nil
	}
	site := f.org.url
	if site == "" {
		site = (&url.URL{Scheme: "https", Host: host, Path: "/"}).String()
	}
	return &schemas.CompanyProfile{Name: f.org.name, Address: optional(f.org.address), Website: &site}
}

// sameSite reports whether a URL is on host, a leading www. ignored on
// either side.
func sameSite(rawURL, host string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == strings.TrimPrefix(host, "www.")
}
