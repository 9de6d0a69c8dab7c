package website

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// sitePerson is an officer as the site writes them.
type sitePerson struct {
	id, name, title, start, end string
	founder                     bool
}

// sitePeople are the company's individual officers; former ones only
// where a shape can say so.
func sitePeople(c *dataset.Company, withFormer bool) []sitePerson {
	var out []sitePerson
	for _, o := range c.Officers {
		if strings.HasPrefix(o.Role, "corporate-") || (o.ResignedOn != "" && !withFormer) {
			continue
		}
		name := siteName(c, o)
		out = append(out, sitePerson{
			id:   "https://www." + c.Domain + "/team/#" + strings.ReplaceAll(people.Normalize(name), " ", "-"),
			name: name, title: siteTitle(o), start: o.AppointedOn, end: o.ResignedOn,
			founder: o.AppointedOn == c.CreatedOn && o.Role == "director" && len(out) == 0,
		})
	}
	return out
}

// siteName writes an officer's name as a website would: in natural order
// and case, sometimes with the middle names as initials ("John R.
// Smith"), with a Dr or Sir kept in front ("Dr Chiamaka Okafor").
func siteName(c *dataset.Company, o dataset.Officer) string {
	words := strings.Fields(people.DisplayName(o.Name))
	if len(words) >= 3 && dataset.Draw(c, "initials"+o.ID, 2) == 0 {
		for i := 1; i < len(words)-1; i++ {
			words[i] = string([]rune(words[i])[:1]) + "."
		}
	}
	if parts := strings.Split(o.Name, ", "); len(parts) == 3 {
		words = append([]string{parts[2]}, words...)
	}
	return strings.Join(words, " ")
}

// siteTitle is the job title a site gives an officer: the occupation when
// it says more than "director", else the role in words.
func siteTitle(o dataset.Officer) string {
	switch occ := strings.TrimSpace(o.Occupation); {
	case occ != "" && !strings.EqualFold(occ, "director") && !strings.EqualFold(occ, "company director"):
		return occ
	case o.Role == "secretary":
		return "Company Secretary"
	case o.Role == "llp-designated-member":
		return "Designated Partner"
	case o.Role == "llp-member":
		return "Partner"
	}
	return "Director"
}

func orgNode(c *dataset.Company, context string) map[string]any {
	a := c.Address
	n := map[string]any{
		"@context": context, "@type": "Organization", "@id": "https://www." + c.Domain + "/#organization",
		"name": dataset.DisplayName(*c), "legalName": c.Name, "url": "https://www." + c.Domain + "/",
		"address": map[string]any{"@type": "PostalAddress", "streetAddress": strings.TrimSpace(a.Premises + " " + a.Line1),
			"addressLocality": a.Locality, "postalCode": a.PostalCode, "addressCountry": "GB"},
	}
	if links := profiles(c); len(links) > 0 {
		n["sameAs"] = links
	}
	return n
}

// profiles are the company's social profile URLs, as sites list them in
// the Organization's sameAs.
func profiles(c *dataset.Company) []string {
	p := dataset.PresenceOf(*c)
	var out []string
	if p.LinkedIn {
		out = append(out, "https://www.linkedin.com/company/"+dataset.SiteLabel(c))
	}
	if p.X {
		out = append(out, "https://x.com/"+dataset.Handle(c))
	}
	if p.Facebook {
		out = append(out, "https://www.facebook.com/"+dataset.HandleOrLabel(c))
	}
	return out
}

// personNode is a Person as a site describes them; about a third link
// their LinkedIn profile with sameAs, as one string.
func personNode(p sitePerson) map[string]any {
	n := map[string]any{"@type": "Person", "name": p.name, "jobTitle": p.title}
	if dataset.Hash32("sameas"+p.id)%3 == 0 {
		n["sameAs"] = "https://www.linkedin.com/in/" + strings.TrimPrefix(p.id[strings.LastIndex(p.id, "#"):], "#") + "-example"
	}
	return n
}

func homeBlocks(c *dataset.Company) []string {
	switch dataset.ShapeOf(c) {
	case dataset.ShapeGraph:
		return []string{encode(graphDoc(c))}
	case dataset.ShapeSingle:
		return []string{sloppy(encode(singleDoc(c)))}
	case dataset.ShapeSplit:
		o := orgNode(c, "http://schema.org")
		o["@type"] = []string{"Organization", "Corporation"}
		return []string{encode(o)}
	case dataset.ShapePlain:
		return nil
	}
	return []string{encode(orgNode(c, "https://schema.org"))}
}

// graphDoc is the fixture's shape.
func graphDoc(c *dataset.Company) map[string]any {
	o := orgNode(c, "")
	delete(o, "@context")
	nodes := []any{o}
	var employees, members []any
	for _, p := range sitePeople(c, false) {
		switch {
		case p.founder:
			o["founder"] = personNode(p)
			employees = append(employees, map[string]any{"@id": p.id})
		case p.title == "Company Secretary":
			members = append(members, map[string]any{"@type": "OrganizationRole", "roleName": p.title,
				"member": map[string]any{"@type": "Person", "name": p.name}})
			continue
		default:
			employees = append(employees, map[string]any{"@id": p.id})
		}
		nodes = append(nodes, map[string]any{"@type": "Person", "@id": p.id, "name": p.name,
			"jobTitle": map[string]any{"@type": "DefinedTerm", "name": p.title}, "worksFor": map[string]any{"@id": o["@id"]}})
	}
	setList(o, "employee", employees)
	setList(o, "member", members)
	return map[string]any{"@context": "https://schema.org", "@graph": nodes}
}

// singleDoc is one object with the people inline and the founder named
// by a plain string.
func singleDoc(c *dataset.Company) map[string]any {
	o := orgNode(c, "https://schema.org")
	var employees []any
	for _, p := range sitePeople(c, false) {
		if p.founder {
			o["founder"] = p.name
		}
		employees = append(employees, personNode(p))
	}
	setList(o, "employee", employees)
	return o
}

func aboutBlocks(c *dataset.Company) []string {
	if dataset.ShapeOf(c) != dataset.ShapeRole {
		return nil
	}
	o := orgNode(c, "https://schema.org")
	var members []any
	for _, p := range sitePeople(c, true) {
		role := map[string]any{"@type": "OrganizationRole", "roleName": p.title, "startDate": p.start,
			"member": map[string]any{"@type": "Person", "name": p.name}}
		if p.end != "" {
			role["endDate"] = p.end
		}
		members = append(members, role)
	}
	setList(o, "member", members)
	return []string{encode(o)}
}

func teamBlocks(c *dataset.Company) []string {
	id := "https://www." + c.Domain + "/#organization"
	items := []any{map[string]any{"@context": "https://schema.org", "@type": "Organization", "@id": id, "name": dataset.DisplayName(*c)}}
	for _, p := range sitePeople(c, false) {
		n := personNode(p)
		n["worksFor"] = map[string]any{"@id": id}
		items = append(items, n)
	}
	return []string{encode(items)}
}

func leadershipBlocks(c *dataset.Company) []string {
	var out []string
	for _, p := range sitePeople(c, false) {
		n := personNode(p)
		n["@context"] = "https://schema.org"
		n["worksFor"] = map[string]any{"@type": "Organization", "name": dataset.DisplayName(*c)}
		out = append(out, encode(n))
	}
	return out
}

// setList sets key to the list, a single item written without the array
// as JSON-LD allows, or nothing for none.
func setList(n map[string]any, key string, items []any) {
	switch len(items) {
	case 0:
	case 1:
		n[key] = items[0]
	default:
		n[key] = items
	}
}

func encode(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // maps of strings always encode
	return strings.TrimSpace(b.String())
}

// sloppy writes JSON as careless sites do: apostrophes and ampersands as
// HTML entities and a trailing comma before the last brace.
func sloppy(js string) string {
	js = strings.NewReplacer("&", "&amp;", "'", "&#039;").Replace(js)
	if i := strings.LastIndex(js, "}"); i > 0 {
		js = js[:i] + ",\n" + js[i:]
	}
	return js
}
