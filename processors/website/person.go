package website

import (
	"strings"

	"github.com/leadgen/leadgen/internal/people"
)

// person is someone a page names, before becoming an executive.
type person struct {
	name string
	role roleOf
	// key is the normalised name, on which repeats merge.
	key string
	ref string
}

// roleOf is a person's role and where it came from: stated (a jobTitle or
// a Role's roleName) beats implied by the member that listed them
// (founder, employee, member). start and end are a Role's dates.
type roleOf struct {
	title      string
	stated     bool
	start, end string
}

// maxNameWords and maxNameLength bound what passes for a person's name;
// longer text is a sentence, not a name.
const (
	maxNameWords  = 6
	maxNameLength = 80
)

// peopleSet collects people in the order met, one entry per name.
type peopleSet struct {
	list []person
}

// addItem reads one entry of an Organization's founder, employee or
// member list: a plain name, a Person (or a reference to one), or a Role
// wrapping either under the same member name. Organizations listed as
// members are not people and are skipped.
func (ps *peopleSet) addItem(g *graph, item any, key, implied string, depth int) {
	if depth > 2 {
		return
	}
	if s, ok := item.(string); ok {
		ps.add(person{name: clean(s), role: roleOf{title: implied}})
		return
	}
	n := g.resolve(item)
	switch {
	case n == nil:
	case hasType(n, isRoleType) || (n[key] != nil && n["name"] == nil):
		r := roleOf{title: firstText(n, "roleName", "namedPosition"), start: date(n["startDate"]), end: date(n["endDate"])}
		r.stated = r.title != ""
		if !r.stated {
			r.title = implied
		}
		for _, inner := range list(n[key]) {
			ps.addRoleHolder(g, inner, r)
		}
	case hasType(n, isPersonType) || len(types(n)) == 0:
		ps.addPerson(n, roleOf{title: implied})
	}
}

// addRoleHolder adds the person a Role wraps, with the Role's title.
func (ps *peopleSet) addRoleHolder(g *graph, v any, r roleOf) {
	if s, ok := v.(string); ok {
		ps.add(person{name: clean(s), role: r})
		return
	}
	if n := g.resolve(v); n != nil && (hasType(n, isPersonType) || len(types(n)) == 0) {
		ps.addPerson(n, r)
	}
}

// addPerson adds a Person node; its own jobTitle beats an implied role.
func (ps *peopleSet) addPerson(n node, r roleOf) {
	if !r.stated {
		if t := jobTitle(n); t != "" {
			r.title, r.stated = t, true
		}
	}
	ps.add(person{name: personName(n), role: r})
}

// add keeps a plausible name, merging it with an earlier entry of the
// same person: a stated role beats an implied one, dates fill in.
func (ps *peopleSet) add(p person) {
	p.key = people.Normalize(p.name)
	if !plausibleName(p.name, p.key) {
		return
	}
	for i := range ps.list {
		if ps.list[i].key == p.key {
			ps.list[i].role = mergeRoles(ps.list[i].role, p.role)
			return
		}
	}
	ps.list = append(ps.list, p)
}

func mergeRoles(a, b roleOf) roleOf {
	out := a
	if !a.stated && (b.stated || a.title == "") {
		out.title, out.stated = b.title, b.stated
	}
	if out.start == "" {
		out.start = b.start
	}
	if out.end == "" {
		out.end = b.end
	}
	return out
}

// personName is the name, or the given, additional and family names put
// together.
func personName(n node) string {
	if s := text(n["name"]); s != "" {
		return s
	}
	var parts []string
	for _, k := range []string{"givenName", "additionalName", "familyName"} {
		if s := text(n[k]); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// jobTitle reads jobTitle as text, a DefinedTerm or a list, else the
// name of the person's occupation.
func jobTitle(n node) string {
	if s := text(n["jobTitle"]); s != "" {
		return s
	}
	return text(n["hasOccupation"])
}

// plausibleName refuses what is not a person's name: empty, too long, a
// sentence, an address or a URL.
func plausibleName(name, normalized string) bool {
	return normalized != "" && len(name) <= maxNameLength &&
		len(strings.Fields(name)) <= maxNameWords && !strings.ContainsAny(name, "@/:")
}
