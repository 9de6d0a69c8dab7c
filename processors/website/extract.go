package website

import (
	"maps"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
)

// pageFacts is what one page's JSON-LD says: the company, if it names
// one, and its people.
type pageFacts struct {
	org    *org
	people []person
}

// org is the company's Organization node, read.
type org struct {
	id, name, legalName, url, address string
}

// peopleKeys are the Organization members that hold people, with the role
// a person listed there has when nothing more specific is said.
var peopleKeys = []struct{ key, role string }{
	{"founder", "founder"}, {"founders", "founder"},
	{"employee", "employee"}, {"employees", "employee"},
	{"member", "member"}, {"members", "member"},
}

// readPage reads a page's JSON-LD.
func readPage(body []byte) pageFacts {
	var values []any
	for _, b := range scriptBlocks(body) {
		values = append(values, decodeBlock(b)...)
	}
	return newGraph(values).facts()
}

func (g *graph) facts() pageFacts {
	o := g.mainOrg()
	var ps peopleSet
	if o != nil {
		for _, pk := range peopleKeys {
			for _, item := range list(o[pk.key]) {
				ps.addItem(g, item, pk.key, pk.role, 0)
			}
		}
	}
	for _, t := range g.tops {
		if hasType(t, isPersonType) && g.worksAt(t, o) {
			ps.addPerson(t, roleOf{})
		}
	}
	return pageFacts{org: readOrg(o), people: ps.list}
}

// mainOrg is the page's Organization: the first one that lists people,
// else the first at all, looking at top-level nodes before nested ones
// (such as a WebPage's publisher).
func (g *graph) mainOrg() node {
	var orgs []node
	for _, t := range g.tops {
		if n := g.resolve(t); hasType(n, isOrgType) {
			orgs = append(orgs, n)
		}
	}
	for _, t := range g.tops {
		orgs = g.nestedOrgs(t, orgs, 0)
	}
	for _, o := range orgs {
		for _, pk := range peopleKeys {
			if o[pk.key] != nil {
				return o
			}
		}
	}
	if len(orgs) == 0 {
		return nil
	}
	return orgs[0]
}

// maxOrgDepth bounds how deep an Organization is looked for inside other
// nodes; a publisher or worksFor is one or two levels down.
const maxOrgDepth = 4

// nestedOrgs appends the Organizations nested in n (resolved), nearest
// first.
func (g *graph) nestedOrgs(n node, out []node, depth int) []node {
	if depth >= maxOrgDepth {
		return out
	}
	for _, k := range slices.Sorted(maps.Keys(n)) {
		if k == "@id" || k == "@type" {
			continue
		}
		for _, item := range list(n[k]) {
			if c := g.resolve(item); c != nil {
				if hasType(c, isOrgType) {
					out = append(out, c)
				}
				out = g.nestedOrgs(c, out, depth+1)
			}
		}
	}
	return out
}

// worksAt reports whether a top-level Person belongs with the page's
// Organization: it says it works for it (by @id or by name), or it says
// nothing about an employer. A Person working elsewhere is left out.
func (g *graph) worksAt(p node, o node) bool {
	employers := append(list(p["worksFor"]), list(p["affiliation"])...)
	if len(employers) == 0 || o == nil {
		return true
	}
	for _, e := range employers {
		if g.sameOrg(e, o) {
			return true
		}
	}
	return false
}

func (g *graph) sameOrg(ref any, o node) bool {
	if s, ok := ref.(string); ok {
		return companyname.Normalize(s) == companyname.Normalize(text(o["name"]))
	}
	n := g.resolve(ref)
	if n == nil {
		return false
	}
	if id, ok := n["@id"].(string); ok && id != "" && id == o["@id"] {
		return true
	}
	name := companyname.Normalize(text(n["name"]))
	return name != "" && (name == companyname.Normalize(text(o["name"])) || name == companyname.Normalize(text(o["legalName"])))
}

func readOrg(o node) *org {
	if o == nil {
		return nil
	}
	id, _ := o["@id"].(string)
	return &org{
		id: id, name: firstText(o, "name", "alternateName", "legalName"), legalName: text(o["legalName"]),
		url: absoluteURL(o["url"]), address: addressText(o["address"]),
	}
}

// absoluteURL keeps an http(s) URL, or "".
func absoluteURL(v any) string {
	s := text(v)
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return s
	}
	return ""
}

// addressText writes a PostalAddress (or a plain string) on one line:
// "10 High Street, London, EC1A 1BB, GB".
func addressText(v any) string {
	for _, item := range list(v) {
		if s, ok := item.(string); ok {
			return clean(s)
		}
		a, ok := item.(node)
		if !ok {
			continue
		}
		var parts []string
		for _, k := range []string{"streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry"} {
			if s := text(a[k]); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) > 0 {
			return strings.Join(parts, ", ")
		}
	}
	return ""
}
